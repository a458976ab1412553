/**
 * The portal's link to the server: plain POSTs to `/graphql`, without a token
 * (requesters have no accounts; a personal link's secret travels as an argument). No Apollo
 * cache: each page reads its one ticket or form and re-renders from the mutation's answer
 * (the ticket page also subscribes over graphql-ws for live changes, TicketPage.tsx).
 */

export class PortalApiError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

export async function graphql<T>(operationName: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ operationName, query, variables }),
    });
  } catch {
    throw new PortalApiError('Нет связи с сервером. Проверьте подключение и попробуйте ещё раз.', 'NETWORK');
  }
  let body: { data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }> };
  try {
    body = await response.json();
  } catch {
    throw new PortalApiError(`Сервер ответил ошибкой ${response.status}. Попробуйте позже.`, 'HTTP');
  }
  const error = body.errors?.[0];
  if (error) throw new PortalApiError(messageOf(error.extensions?.code, error.message), error.extensions?.code);
  if (!body.data) throw new PortalApiError('Сервер не вернул данных. Попробуйте позже.', 'EMPTY');
  return body.data;
}

/** What a requester is told: Russian, without internals. */
function messageOf(code: string | undefined, message: string): string {
  switch (code) {
    case 'FORBIDDEN':
      return /too many/i.test(message)
        ? 'Слишком много обращений за короткое время. Попробуйте через несколько минут.'
        : 'Это действие сейчас недоступно для вашего обращения.';
    case 'EVENT_NOT_ALLOWED':
      return 'Это действие сейчас недоступно: обращение уже в другом состоянии. Обновите страницу.';
    case 'NOT_FOUND':
      return 'Обращение не найдено или ссылка больше не действует.';
    case 'VERSION_CONFLICT':
      return 'Обращение только что изменилось. Обновите страницу и попробуйте ещё раз.';
    case 'BAD_USER_INPUT':
      if (/e-mail address/i.test(message)) return 'Укажите адрес электронной почты: на него придут номер обращения и персональная ссылка.';
      if (/web form/i.test(message)) return 'Эта организация не принимает обращения через веб-форму.';
      if (/message is empty/i.test(message)) return 'Напишите текст сообщения.';
      if (/longer than/i.test(message)) return 'Сообщение слишком длинное.';
      return `Проверьте заполнение формы (${message}).`;
    default:
      return 'Не удалось выполнить действие. Попробуйте позже.';
  }
}
