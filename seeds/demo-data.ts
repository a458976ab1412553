/**
 * Demo desks for `npm start` on an empty database: for each tenant, organisations, an agent
 * and requests in every stage of its workflow, in the words its requesters would use.
 */
export interface DemoTicket {
  subject: string;
  kind: string;
  priority?: string;
  channel: string;
  from: string;
  fields: Record<string, unknown>;
  /** Events that bring the ticket to its stage, in order. */
  path: Array<{ type: string; data?: Record<string, unknown> }>;
}

export interface DemoTenant {
  tenantId: string;
  organizations: Array<{ name: string; inn: string; serviceLevel?: string; contractFrom?: string; contractUntil?: string }>;
  tickets: DemoTicket[];
}

const take = { type: 'TAKE' };
const ask = (missing: string) => ({ type: 'REQUEST_INFO', data: { missing } });
const resolve = (solution: string) => ({ type: 'RESOLVE', data: { solution } });
const close = { type: 'CLOSE' };

export const demoTenants: DemoTenant[] = [
  {
    tenantId: 'novosibirsk',
    organizations: [
      { name: 'ГБУЗ НСО «Городская клиническая больница № 1»', inn: '5402105960' },
      { name: 'МКУ «Управление закупок г. Бердска»', inn: '5445026670' },
    ],
    tickets: [
      {
        subject: 'Не подписывается контракт в ГИСЗ НСО',
        kind: 'request',
        channel: 'email',
        from: 'zakupki@gkb1.example.ru',
        fields: { inn: '5402105960', fullName: 'Смирнова Ольга Петровна', occurredAt: '2026-11-20T10:15:00+07:00', description: 'При подписании контракта ошибка «Сертификат не найден».', steps: 'Контракты → Подписать', screenshots: ['oshibka.png'] },
        path: [],
      },
      {
        subject: 'Не формируется извещение о закупке',
        kind: 'request',
        channel: 'web',
        from: 'berdsk@example.ru',
        fields: { inn: '5445026670', fullName: 'Ким Андрей Сергеевич', description: 'Кнопка «Сформировать» неактивна.' },
        path: [take, ask('шаги воспроизведения и снимок экрана')],
      },
      {
        subject: 'Ошибка при загрузке плана-графика',
        kind: 'request',
        channel: 'email',
        from: 'plan@gkb1.example.ru',
        fields: { inn: '5402105960', fullName: 'Орлова Мария Ивановна', occurredAt: '2026-11-19T14:00:00+07:00', description: 'План-график не загружается.', steps: 'Планирование → Загрузить', screenshots: ['plan.png'] },
        path: [take],
      },
      {
        subject: 'Как добавить нового пользователя организации',
        kind: 'request',
        channel: 'email',
        from: 'admin@gkb1.example.ru',
        fields: { inn: '5402105960', fullName: 'Соколов Илья Викторович', description: 'Нужно добавить сотрудника.' },
        path: [take, resolve('Добавьте пользователя в разделе «Администрирование → Пользователи».'), close],
      },
    ],
  },
  {
    tenantId: 'tomsk',
    organizations: [{ name: 'Департамент финансов Томской области', inn: '7021001174' }],
    tickets: [
      {
        subject: 'Томская область: не строится отчёт по исполнению бюджета',
        kind: 'error',
        channel: 'email',
        from: 'budget@tomsk.example.ru',
        fields: { fullName: 'Петров Сергей Алексеевич', organization: 'Департамент финансов Томской области', phone: '+7 3822 000000', email: 'budget@tomsk.example.ru', entityPath: 'Навигатор: Отчёты \\ Исполнение бюджета', description: 'Отчёт завершается ошибкой.', steps: 'Открыть отчёт, задать период, нажать «Построить».', screenshots: ['report.png'] },
        path: [take],
      },
      {
        subject: 'Томская область: как настроить маршрут документа',
        kind: 'consultation',
        channel: 'email',
        from: 'route@tomsk.example.ru',
        fields: { fullName: 'Иванова Анна Олеговна', organization: 'ОГКУ «Центр бухгалтерского учёта»', email: 'route@tomsk.example.ru', description: 'Нужна помощь с маршрутом.' },
        path: [take, resolve('Маршрут настраивается в справочнике «Маршруты документов».')],
      },
      {
        subject: 'Томская область: не открывается справочник',
        kind: 'error',
        channel: 'phone',
        from: 'user@tomsk.example.ru',
        fields: { fullName: 'Сидоров Пётр Ильич', phone: '+7 3822 111111' },
        path: [],
      },
    ],
  },
  {
    tenantId: 'kurgan-vipnet',
    organizations: [{ name: 'Департамент информационной политики Курганской области', inn: '4501000000' }],
    tickets: [
      {
        subject: 'Нет связи с координатором VipNet',
        kind: 'incident',
        channel: 'email',
        from: 'it@kurgan.example.ru',
        fields: { authority: 'Департамент информационной политики Курганской области', fullName: 'Лебедев Олег Романович', phone: '+7 3522 000000', email: 'it@kurgan.example.ru', description: 'С утра нет связи с координатором.' },
        path: [take],
      },
      {
        subject: 'Сбой защищённого канала в администрации района',
        kind: 'incident',
        channel: 'phone',
        from: 'adm@kurgan.example.ru',
        fields: { authority: 'Администрация Шадринского района', fullName: 'Зайцева Нина Павловна' },
        path: [take, ask('контактный телефон и адрес электронной почты')],
      },
    ],
  },
  {
    tenantId: 'rusbitech',
    organizations: [
      { name: 'Войсковая часть 00000', inn: '7701000000', serviceLevel: 'standard', contractFrom: '2026-01-01', contractUntil: '2026-12-31' },
    ],
    tickets: [
      {
        subject: 'Не восстанавливается доступ к учётной записи',
        kind: 'administration',
        priority: 'high',
        channel: 'email',
        from: 'admin@unit.example.ru',
        fields: { inn: '7701000000', organization: 'Войсковая часть 00000', description: 'Пользователь заблокирован после смены пароля.' },
        path: [take],
      },
      {
        subject: 'Вопрос по выгрузке каталога',
        kind: 'consultation',
        priority: 'normal',
        channel: 'email',
        from: 'catalog@unit.example.ru',
        fields: { inn: '7701000000', organization: 'Войсковая часть 00000', description: 'Как выгрузить каталог в XML?' },
        path: [],
      },
    ],
  },
  {
    tenantId: 'sintez',
    organizations: [{ name: 'ООО «Уральский завод»', inn: '7451000000', serviceLevel: 'extended' }],
    tickets: [
      {
        subject: 'Заменить баннер на главной странице',
        kind: 'change',
        priority: 'extended',
        channel: 'email',
        from: 'marketing@zavod.example.ru',
        fields: { section: 'Главная страница', description: 'Заменить баннер на новый (во вложении).' },
        path: [take],
      },
      {
        subject: 'Не отправляется форма обратной связи',
        kind: 'problem',
        priority: 'standard',
        channel: 'web',
        from: 'info@zavod.example.ru',
        fields: { section: 'Контакты', description: 'После нажатия «Отправить» ничего не происходит.' },
        path: [take, resolve('Исправлена настройка почтового сервера формы.')],
      },
    ],
  },
];
