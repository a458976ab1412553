import { AutocompleteArrayInput, ReferenceArrayInput, type Validator } from 'react-admin';

/** Picks support desks by title for `tenantIds`; the label and help come from the resource's messages. */
export const TenantsInput = ({ helperText, validate }: { helperText: string; validate?: Validator }) => (
  <ReferenceArrayInput source="tenantIds" reference="tenants" sort={{ field: 'title', order: 'ASC' }} perPage={1000}>
    <AutocompleteArrayInput optionText="title" helperText={helperText} validate={validate} sx={{ minWidth: 480 }} />
  </ReferenceArrayInput>
);
