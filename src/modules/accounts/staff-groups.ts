/** Staff groups offered at registration, in the order the form shows them. */
export const STAFF_GROUPS = [
  { value: 'medical_dental', text: 'Medical and dental' },
  { value: 'nursing_midwifery', text: 'Nursing, midwifery and health visiting' },
  { value: 'allied_health_scientific', text: 'Allied health, scientific and technical' },
  { value: 'pharmacy', text: 'Pharmacy' },
  { value: 'ambulance', text: 'Ambulance' },
  { value: 'social_care', text: 'Social care' },
  { value: 'management_admin', text: 'Management and administration' },
  { value: 'student', text: 'Student on placement' },
  { value: 'other', text: 'Other' },
] as const;

export type StaffGroup = (typeof STAFF_GROUPS)[number]['value'];

export const STAFF_GROUP_VALUES = STAFF_GROUPS.map((g) => g.value) as [StaffGroup, ...StaffGroup[]];

export function staffGroupLabel(value: string): string {
  return STAFF_GROUPS.find((g) => g.value === value)?.text ?? value;
}
