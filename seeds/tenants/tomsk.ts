/**
 * Кейсистемс, Томская область (tomsk.yaml): finance bodies of the region and their budget
 * software. Consultations and errors (TOM-4, TOM-5) in every state: new (complete, and an
 * incomplete one taken by phone), waiting_customer, open, open again after a reopening within
 * the 2 bd window (TOM-6), resolved (the window still open), closed after confirmation and
 * closed as a duplicate.
 */
import { askFor, close, confirm, reopen, resolve, take, defineDesk } from '../demo-types.js';

const finance = 'Департамент финансов Томской области';
const cfo = 'ОГКУ «Центр финансово-хозяйственного обеспечения Томской области»';
const kozhevnikovo = 'Администрация Кожевниковского района Томской области';

const desk = defineDesk('tomsk', (at) => ({
  organizations: [
    {
      key: 'finance',
      name: finance,
      inn: '7017014621',
      contactName: 'Петров Сергей Алексеевич',
      contactEmail: 'petrov.sa@findep-tomsk.example',
      contactPhone: '+7 (3822) 51-07-44',
    },
    {
      key: 'cfo',
      name: cfo,
      inn: '7024169351',
      contactName: 'Иванова Анна Олеговна',
      contactEmail: 'ivanova@cfo-tomsk.example',
      contactPhone: '+7 (3822) 90-16-32',
    },
    {
      key: 'kozhevnikovo',
      name: kozhevnikovo,
      inn: '7018127402',
      contactName: 'Сидоров Пётр Ильич',
      contactEmail: 'budget@kozhevnikovo.example',
      contactPhone: '+7 (38244) 2-15-71',
    },
  ],
  tickets: [
    {
      // new: a complete consultation (TOM-4).
      subject: 'Томская область: как настроить маршрут согласования заявки на кассовый расход',
      kind: 'consultation',
      channel: 'email',
      from: 'ivanova@cfo-tomsk.example',
      org: 'cfo',
      fields: {
        fullName: 'Иванова Анна Олеговна',
        organization: cfo,
        phone: '+7 (3822) 90-16-32',
        email: 'ivanova@cfo-tomsk.example',
        description: 'С 1 декабря заявки на кассовый расход должен согласовывать заместитель начальника отдела. Как добавить этот этап в маршрут?',
        steps: 'Навигатор: Документы \\ Расходы \\ Заявка на кассовый расход → «Маршрут» — этап добавить не удаётся.',
        screenshots: ['marshrut.png'],
      },
      path: [],
    },
    {
      // new: an error told by phone, still lacking the entity path, steps and screenshots (TOM-5).
      subject: 'Томская область: не проводится платёжное поручение',
      kind: 'error',
      channel: 'phone',
      from: 'budget@kozhevnikovo.example',
      org: 'kozhevnikovo',
      fields: {
        fullName: 'Сидоров Пётр Ильич',
        organization: kozhevnikovo,
        phone: '+7 (38244) 2-15-71',
        description: 'Платёжное поручение не проводится, выдаётся ошибка контроля остатков лимитов.',
      },
      path: [],
    },
    {
      // waiting_customer: the agent asked for the document's data and the error text.
      subject: 'Томская область: ошибка при формировании уведомления о бюджетных ассигнованиях',
      kind: 'error',
      channel: 'email',
      from: 'petrov.sa@findep-tomsk.example',
      org: 'finance',
      fields: {
        fullName: 'Петров Сергей Алексеевич',
        organization: finance,
        phone: '+7 (3822) 51-07-44',
        email: 'petrov.sa@findep-tomsk.example',
        entityPath: 'Навигатор: Документы \\ Бюджетные ассигнования \\ Уведомления',
        description: 'Уведомление не формируется, программа завершает операцию с ошибкой.',
      },
      path: [askFor('номер и дату документа, текст ошибки, последовательность действий и скриншоты')],
    },
    {
      // open: an error taken into work.
      subject: 'Томская область: неверные остатки в отчёте об исполнении бюджета (ф. 0503117)',
      kind: 'error',
      channel: 'email',
      from: 'petrov.sa@findep-tomsk.example',
      org: 'finance',
      fields: {
        fullName: 'Петров Сергей Алексеевич',
        organization: finance,
        phone: '+7 (3822) 51-07-44',
        email: 'petrov.sa@findep-tomsk.example',
        entityPath: 'Навигатор: Отчёты \\ Исполнение бюджета \\ 0503117',
        reportParams: 'Период: 01.01.2026–31.10.2026, бюджет: областной, уровень: все ГРБС',
        description: 'По КБК 902 0113 остатки в отчёте не совпадают с оборотной ведомостью на 1 250 000,00 руб.',
        steps: 'Открыть отчёт, задать параметры, нажать «Построить».',
        screenshots: ['0503117.png', 'oborotka.png'],
        errorText: 'Контрольное соотношение 1.4 не выполнено',
      },
      path: [take],
    },
    {
      // open again: the requester returned it within 2 bd, within the original description (TOM-6).
      subject: 'Томская область: как выгрузить справочник центров ответственности в Excel',
      kind: 'consultation',
      channel: 'email',
      from: 'ivanova@cfo-tomsk.example',
      org: 'cfo',
      fields: {
        fullName: 'Иванова Анна Олеговна',
        organization: cfo,
        phone: '+7 (3822) 90-16-32',
        email: 'ivanova@cfo-tomsk.example',
        description: 'Нужно выгрузить справочник центров ответственности со всеми реквизитами в Excel.',
        steps: 'Навигатор: Администратор \\ Справочники \\ Центры ответственности → «Экспорт».',
        screenshots: ['cfo-export.png'],
      },
      path: [take, resolve('Выгрузка: правая кнопка мыши по списку → «Экспорт в Excel», включите «Все колонки».'), reopen],
    },
    {
      // resolved: the solution sent; the requester may still return it for 2 bd (TOM-6).
      subject: 'Томская область: не открывается форма ввода бюджетной заявки',
      kind: 'error',
      channel: 'email',
      from: 'budget@kozhevnikovo.example',
      org: 'kozhevnikovo',
      fields: {
        fullName: 'Сидоров Пётр Ильич',
        organization: kozhevnikovo,
        phone: '+7 (38244) 2-15-71',
        email: 'budget@kozhevnikovo.example',
        entityPath: 'Навигатор: Планирование \\ Бюджетные заявки',
        documentRef: 'Бюджетная заявка № 14 от 10.11.2026, Администрация Кожевниковского района',
        description: 'Форма ввода бюджетной заявки не открывается, окно закрывается без сообщения.',
        steps: 'Открыть список бюджетных заявок, дважды щёлкнуть по заявке № 14.',
        screenshots: ['zayavka-14.png'],
      },
      path: [take, resolve('У пользователя не было права на этап «Ввод»; права выданы. Перезайдите в программу и откройте заявку снова.')],
    },
    {
      // closed: the requester confirmed the solution.
      subject: 'Томская область: как сменить пароль пользователя',
      kind: 'consultation',
      channel: 'email',
      from: 'petrov.sa@findep-tomsk.example',
      org: 'finance',
      fields: {
        fullName: 'Петров Сергей Алексеевич',
        organization: finance,
        phone: '+7 (3822) 51-07-44',
        email: 'petrov.sa@findep-tomsk.example',
        description: 'Программа требует сменить пароль, но новый пароль не принимает.',
        steps: 'Вход в программу → «Сменить пароль» → ввод нового пароля.',
        screenshots: ['parol.png'],
      },
      path: [take, resolve('Пароль должен быть не короче 8 символов и содержать цифры и буквы разного регистра.'), confirm],
    },
    {
      // closed: the same problem was already reported (TOM-3: one request, one problem).
      subject: 'Томская область: не проводится платёжное поручение (повторно)',
      kind: 'error',
      channel: 'email',
      from: 'budget@kozhevnikovo.example',
      org: 'kozhevnikovo',
      fields: {
        fullName: 'Сидоров Пётр Ильич',
        organization: kozhevnikovo,
        email: 'budget@kozhevnikovo.example',
        description: 'Повторно: платёжное поручение не проводится.',
      },
      path: [close('duplicate')],
    },
  ],
}));

export default desk;
