/** Customer-side roles (members of a customer account) and staff roles (our own people). */
export const CUSTOMER_ROLES = ['owner', 'member'] as const;
export const STAFF_ROLES = ['operator', 'admin'] as const;
export type CustomerRole = (typeof CUSTOMER_ROLES)[number];
export type StaffRole = (typeof STAFF_ROLES)[number];
export type Role = CustomerRole | StaffRole;

export function isCustomerRole(role: string): role is CustomerRole {
  return (CUSTOMER_ROLES as readonly string[]).includes(role);
}
export function isStaffRole(role: string): role is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(role);
}
