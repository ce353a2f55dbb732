import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { boundingBox, distanceKm, distanceOf, parsePostcode } from './geo.js';

describe('postcode parsing and distances', () => {
  it('normalises full postcodes and districts in any case and spacing, and refuses other text', () => {
    assert.deepEqual(parsePostcode(' ox39du '), { kind: 'postcode', postcode: 'OX3 9DU', outcode: 'OX3' });
    assert.deepEqual(parsePostcode('ec1a 1bb'), { kind: 'postcode', postcode: 'EC1A 1BB', outcode: 'EC1A' });
    assert.deepEqual(parsePostcode('ox3'), { kind: 'district', outcode: 'OX3' });
    assert.deepEqual(parsePostcode('Oxford'), { kind: 'invalid' });
    assert.deepEqual(parsePostcode(''), { kind: 'invalid' });
  });

  it('measures Oxford OX3 to Cambridge CB2 as the hand-computed 102.7 km (63.8 miles)', () => {
    // Centroids from the outcodes file. By hand: Δlat 0.4105° = 45.65 km; Δlng 1.3429° × cos(51.98°) × 111.195 km = 91.94 km;
    // √(45.65² + 91.94²) = 102.65 km on the flat approximation, which the great circle matches to within 0.1 km here.
    const km = distanceKm({ latitude: 51.778025, longitude: -1.215837 }, { latitude: 52.188521, longitude: 0.12703 });
    assert.ok(Math.abs(km - 102.65) < 0.1, `got ${km}`);
    assert.deepEqual(distanceOf(km), { km: 102.67, miles: 63.79 });
    assert.equal(distanceKm({ latitude: 51, longitude: -1 }, { latitude: 51, longitude: -1 }), 0);
  });

  it('makes a bounding box that holds every point within the distance, wider in longitude than latitude', () => {
    const centre = { latitude: 52, longitude: -1 };
    const box = boundingBox(centre, 50);
    for (const bearing of [0, 45, 90, 135, 180, 225, 270, 315]) {
      // A point 49.9 km away on each bearing (small-distance approximation) must be inside.
      const dLat = (49.9 / 111.195) * Math.cos((bearing * Math.PI) / 180);
      const dLng = ((49.9 / 111.195) * Math.sin((bearing * Math.PI) / 180)) / Math.cos((52 * Math.PI) / 180);
      const p = { latitude: 52 + dLat, longitude: -1 + dLng };
      assert.ok(p.latitude >= box.minLat && p.latitude <= box.maxLat && p.longitude >= box.minLng && p.longitude <= box.maxLng, `bearing ${bearing}`);
    }
    assert.ok(box.maxLng - box.minLng > box.maxLat - box.minLat);
  });
});
