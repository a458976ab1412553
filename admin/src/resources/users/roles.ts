/** The roles a user account can have; integrations get API tokens instead. */
export const roleChoices = [
  { id: 'agent', name: 'resources.users.role.agent' },
  { id: 'admin', name: 'resources.users.role.admin' },
];
