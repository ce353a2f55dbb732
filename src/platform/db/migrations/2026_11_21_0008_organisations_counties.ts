import type { Kysely } from 'kysely';

/**
 * The ceremonial counties of England, each with the NHS England region that serves most of its people.
 *
 * Counties: the Lieutenancies Act 1997, Schedule 1 (as amended), which lists the 48 ceremonial counties
 * of England (Greater London and the City of London included; the Isles of Scilly are part of Cornwall).
 * Regions: the Office for National Statistics' "Sub ICB Location to ICB to NHS England (Region)
 * (July 2022) Lookup in England" (LOC22_ICB22_NHSER22_EN_LU), read against the local authorities in
 * each county. Regions are built from integrated care boards, not counties, so a few counties straddle
 * two regions; those take the region covering most of their population, noted beside each.
 */
const COUNTY_REGIONS: readonly (readonly [county: string, regionCode: string])[] = [
  ['Bedfordshire', 'Y61'],
  ['Berkshire', 'Y59'],
  ['Bristol', 'Y58'],
  // Milton Keynes is in the East of England region (BLMK ICB); the rest of the county is South East.
  ['Buckinghamshire', 'Y59'],
  ['Cambridgeshire', 'Y61'],
  ['Cheshire', 'Y62'],
  ['City of London', 'Y56'],
  ['Cornwall', 'Y58'],
  ['County Durham', 'Y63'],
  // North Cumbria is in the North East and North Cumbria ICB; South Cumbria is in the North West region.
  ['Cumbria', 'Y63'],
  // Glossop is in the Greater Manchester ICB (North West); the rest of the county is Midlands.
  ['Derbyshire', 'Y60'],
  ['Devon', 'Y58'],
  ['Dorset', 'Y58'],
  ['East Riding of Yorkshire', 'Y63'],
  ['East Sussex', 'Y59'],
  ['Essex', 'Y61'],
  ['Gloucestershire', 'Y58'],
  ['Greater London', 'Y56'],
  ['Greater Manchester', 'Y62'],
  ['Hampshire', 'Y59'],
  ['Herefordshire', 'Y60'],
  ['Hertfordshire', 'Y61'],
  ['Isle of Wight', 'Y59'],
  ['Kent', 'Y59'],
  ['Lancashire', 'Y62'],
  ['Leicestershire', 'Y60'],
  // North and North East Lincolnshire are in the Humber and North Yorkshire ICB (North East and Yorkshire).
  ['Lincolnshire', 'Y60'],
  ['Merseyside', 'Y62'],
  ['Norfolk', 'Y61'],
  ['North Yorkshire', 'Y63'],
  ['Northamptonshire', 'Y60'],
  ['Northumberland', 'Y63'],
  ['Nottinghamshire', 'Y60'],
  ['Oxfordshire', 'Y59'],
  ['Rutland', 'Y60'],
  ['Shropshire', 'Y60'],
  ['Somerset', 'Y58'],
  ['South Yorkshire', 'Y63'],
  ['Staffordshire', 'Y60'],
  ['Suffolk', 'Y61'],
  ['Surrey', 'Y59'],
  ['Tyne and Wear', 'Y63'],
  ['Warwickshire', 'Y60'],
  ['West Midlands', 'Y60'],
  ['West Sussex', 'Y59'],
  ['West Yorkshire', 'Y63'],
  ['Wiltshire', 'Y58'],
  ['Worcestershire', 'Y60'],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  // Reference data only: the county table and its region foreign key came with the organisations migration.
  await db
    .insertInto('county' as never)
    .values(COUNTY_REGIONS.map(([name, region_code]) => ({ name, region_code })) as never)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // Organisations may point at a county; unlink them first so the delete cannot fail on the foreign key.
  await db.updateTable('organisation' as never).set({ county_id: null } as never).execute();
  await db.deleteFrom('county' as never).execute();
}
