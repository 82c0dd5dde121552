/** Tag colours of audit actions, shared by the audit log and record history. */
export const ACTION_COLORS: Record<string, string> = {
  create: 'green',
  update: 'blue',
  delete: 'red',
  restore: 'cyan',
  reveal: 'orange',
  login: 'geekblue',
  logout: 'default',
  export: 'purple',
  merge: 'cyan',
  merged: 'default',
  transfer: 'geekblue',
};
