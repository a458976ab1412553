/**
 * How the contract's intake fields are called in a letter to a Russian requester: an info
 * request (NSO-6) must say «ИНН», not `inn`. A workflow may name its own fields in
 * `fieldLabels:`; a field without a label is shown by its name.
 */
export const fieldLabels: Record<string, string> = {
  inn: 'ИНН организации',
  fullName: 'ФИО',
  organization: 'наименование организации',
  authority: 'наименование ОИВ (ОМСУ)',
  phone: 'контактный телефон',
  email: 'адрес электронной почты',
  occurredAt: 'дата и время возникновения проблемы',
  description: 'описание проблемы',
  steps: 'последовательность действий, приведшая к ошибке',
  screenshots: 'скриншот ошибки',
  entityPath: 'путь к объекту в системе',
  documentRef: 'номер или ссылка на документ',
  reportParams: 'параметры формирования отчёта',
  errorLogs: 'журналы ошибок (логи)',
  errorText: 'текст ошибки',
  video: 'видеозапись ошибки',
  section: 'раздел системы',
};

export function labelsOf(fields: unknown, own: Record<string, string> = {}): string[] {
  const names = Array.isArray(fields) ? fields.map(String) : typeof fields === 'string' && fields ? [fields] : [];
  return names.map((name) => own[name] ?? fieldLabels[name] ?? name);
}
