/**
 * Domain messages in Russian, the back office's first language. Keys follow react-admin's
 * conventions (`resources.<resource>.fields.<source>`) so inputs and columns pick their
 * labels up without a `label` prop. en.ts must keep the same shape.
 */
export const ru = {
  ra: {
    // The stock login form's first field carries the agent's email (see authProvider).
    auth: { username: 'Эл. почта' },
    // Russian quotes, not ra-language-russian's straight ones.
    page: {
      show: '%{name} «%{recordRepresentation}»',
      edit: '%{name} «%{recordRepresentation}»',
    },
  },
  resources: {
    tickets: {
      name: 'Заявка |||| Заявки |||| Заявок',
      fields: {
        id: 'ID',
        number: 'Номер',
        subject: 'Тема',
        tenantId: 'Служба поддержки',
        state: 'Состояние',
        statusCategory: 'Статус',
        priority: 'Приоритет',
        kind: 'Тип обращения',
        channel: 'Канал',
        audience: 'Аудитория',
        closeReason: 'Причина закрытия',
        version: 'Версия',
        createdAt: 'Создана',
        updatedAt: 'Обновлена',
        missingFields: 'Не хватает данных',
        availableEvents: 'Доступные действия',
        history: 'История',
        q: 'Поиск',
        // Intake fields shared by all workflows (CONTRACT.md, "Intake fields").
        fields: {
          inn: 'ИНН',
          fullName: 'ФИО',
          organization: 'Организация',
          authority: 'Орган власти',
          phone: 'Телефон',
          email: 'Эл. почта',
          occurredAt: 'Когда произошло',
          description: 'Описание',
          steps: 'Шаги воспроизведения',
          screenshots: 'Снимки экрана',
          entityPath: 'Путь к объекту',
          documentRef: 'Ссылка на документ',
          reportParams: 'Параметры отчёта',
          errorLogs: 'Журналы ошибок',
          errorText: 'Текст ошибки',
          video: 'Видео',
          section: 'Раздел',
        },
      },
      // ra.page.create would say «Создать Заявка»: the name is not declined.
      titles: { create: 'Новая заявка' },
      history: {
        at: 'Когда',
        event: 'Событие',
        fromState: 'Из состояния',
        toState: 'В состояние',
        actor: 'Кто',
      },
      sections: {
        intake: 'Данные обращения',
        nothing_missing: 'Все обязательные данные есть',
        no_events: 'Нет доступных действий',
      },
      statusCategory: {
        new: 'Новая',
        open: 'В работе',
        waiting_customer: 'Ждёт заявителя',
        resolved: 'Решена',
        closed: 'Закрыта',
      },
      channel: {
        email: 'Эл. почта',
        web: 'Веб-форма',
        phone: 'Телефон',
        api: 'API',
      },
      // The request types of the shipped workflows; another workflow's own show as they are.
      kind: {
        consultation: 'Консультация',
        error: 'Ошибка',
        errors: 'Ошибки',
        incident: 'Инцидент',
        request: 'Обращение',
        operation: 'Эксплуатация',
        administration: 'Администрирование',
        data_processing: 'Обработка данных',
        change: 'Изменение',
        problem: 'Проблема',
      },
      priority: {
        normal: 'Обычный',
        high: 'Высокий',
      },
      audience: {
        customer: 'Заказчик',
        municipal: 'Муниципалитет',
      },
      closeReason: {
        resolved: 'Решена',
        stale: 'Нет ответа заявителя',
        reopen_window_expired: 'Истёк срок возврата в работу',
        no_contract: 'Нет действующего договора',
        duplicate: 'Дубликат',
        withdrawn: 'Отозвана заявителем',
      },
      // Machine states of the shipped workflows (a nested state shows each level); a
      // workflow's own states show their name.
      states: {
        new: 'Новая',
        open: 'В работе',
        in_development: 'У разработчиков',
        waiting_customer: 'Ждёт заявителя',
        resolved: 'Решена',
        closed: 'Закрыта',
      },
      // Who made a history entry: the part of `actor` before the colon.
      actors: {
        admin: 'Администратор',
        agent: 'Агент',
        integration: 'Интеграция',
        requester: 'Заявитель',
        system: 'Система',
      },
      // Event names of CONTRACT.md ("Events"); a workflow's own events show their raw name.
      events: {
        CREATE: 'Регистрация',
        TAKE: 'Взять в работу',
        REQUEST_INFO: 'Запросить данные',
        PROVIDE_INFO: 'Данные получены',
        PROMISE: 'Предварительный ответ',
        RESOLVE: 'Решить',
        REOPEN: 'Переоткрыть',
        CONFIRM: 'Подтвердить решение',
        CLOSE: 'Закрыть',
        ESCALATE: 'Эскалировать',
        POSTPONE: 'Отложить',
        HANDOFF_DEV: 'Передать разработчикам',
        ISSUE_ACT: 'Выставить акт',
        APPROVE_ACT: 'Акт согласован',
        REFUSE_ACT: 'Акт отклонён',
        COMPLAIN: 'Жалоба',
      },
      // What the agent fills in before sending an event that carries data.
      event_data: {
        missing: 'Что запросить у заявителя',
        solution: 'Решение',
        reason: 'Причина',
        finalDueAt: 'Срок окончательного ответа',
      },
      notifications: {
        event_sent: 'Событие «%{event}» применено',
        version_conflict: 'Заявку уже изменили — страница обновлена, проверьте и повторите',
        event_not_allowed: 'В текущем состоянии это действие недоступно',
      },
    },
    tenants: {
      name: 'Служба поддержки |||| Службы поддержки |||| Служб поддержки',
      fields: {
        id: 'Код',
        title: 'Название',
        timezone: 'Часовой пояс',
        workflowVersion: 'Версия регламента',
        channels: 'Каналы',
        q: 'Поиск',
      },
    },
  },
};

/** The shape every locale's domain messages must have. */
export type DomainMessages = typeof ru;
