import { ChipField, ReferenceArrayField, SingleFieldList } from 'react-admin';

/** The support desks of `tenantIds` (a user's, an API token's), as chips with their titles. */
export const TenantsField = () => (
  <ReferenceArrayField source="tenantIds" reference="tenants">
    <SingleFieldList linkType={false}>
      <ChipField source="title" size="small" />
    </SingleFieldList>
  </ReferenceArrayField>
);
