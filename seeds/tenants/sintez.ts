/**
 * Синтез (sintez.yaml): website support for clients with standard and extended service
 * (SIN-6). Every state: new, waiting_customer (SIN-2), open, postponed with a reason of the
 * regulation (SIN-5), resolved without an act, awaiting_acceptance with an act (SIN-9),
 * rework after a motivated refusal (SIN-10), awaiting_acceptance again with the new act,
 * closed after the act was approved, and closed as out of scope.
 */
import { askFor, close, resolve, take, defineDesk } from '../demo-types.js';

const desk = defineDesk('sintez', (at) => ({
  organizations: [
    {
      key: 'uralmet',
      name: 'ООО «Уралмет-Сервис»',
      inn: '7447042187',
      serviceLevel: 'standard',
      contactName: 'Ковалёва Дарья Игоревна',
      contactEmail: 'marketing@uralmet-service.example',
      contactPhone: '+7 (351) 247-90-12',
    },
    {
      key: 'profi',
      name: 'АНО ДПО «Учебный центр «Профессионал»',
      inn: '7453109961',
      serviceLevel: 'extended',
      contactName: 'Никитин Артём Павлович',
      contactEmail: 'nikitin@uc-professional.example',
      contactPhone: '+7 (351) 211-35-08',
    },
    {
      key: 'yuzhural',
      name: 'ООО «Торговый дом «Южный Урал»',
      inn: '7449125738',
      serviceLevel: 'extended',
      contactName: 'Фролова Марина Сергеевна',
      contactEmail: 'frolova@td-yuzhural.example',
      contactPhone: '+7 (351) 729-64-50',
    },
  ],
  tickets: [
    {
      // new: an extended-support client, first in the queue (SIN-6).
      subject: 'Заменить баннер на главной странице',
      kind: 'change',
      priority: 'normal',
      channel: 'email',
      from: 'nikitin@uc-professional.example',
      org: 'profi',
      fields: {
        section: 'Главная страница, слайдер',
        description: 'Заменить второй слайд на баннер о зимнем наборе на курсы (файл во вложении), ссылка — на страницу «Расписание курсов».',
      },
      path: [],
    },
    {
      // waiting_customer: the section is not named (SIN-2).
      subject: 'Не отправляется форма обратной связи',
      kind: 'problem',
      priority: 'high',
      channel: 'web',
      from: 'marketing@uralmet-service.example',
      org: 'uralmet',
      fields: { description: 'После нажатия «Отправить» ничего не происходит, заявки с сайта перестали приходить.' },
      path: [askFor('на какой странице сайта форма и в каком браузере воспроизводится ошибка')],
    },
    {
      // open: a change in work.
      subject: 'Добавить раздел «Вакансии»',
      kind: 'change',
      priority: 'normal',
      channel: 'email',
      from: 'frolova@td-yuzhural.example',
      org: 'yuzhural',
      fields: {
        section: 'О компании',
        description: 'Добавить в раздел «О компании» подраздел «Вакансии» со списком вакансий (текст во вложении) и формой отклика с загрузкой резюме.',
      },
      path: [take],
    },
    {
      // postponed: the client cannot give the texts yet (SIN-5).
      subject: 'Обновить страницу «Документы» (лицензия и уставные документы)',
      kind: 'change',
      priority: 'normal',
      channel: 'email',
      from: 'nikitin@uc-professional.example',
      org: 'profi',
      fields: {
        section: 'Сведения об образовательной организации / Документы',
        description: 'Заменить скан лицензии на новый и добавить изменения в устав.',
      },
      path: [take, { type: 'POSTPONE', data: { reason: 'insufficient_info' } }],
    },
    {
      // resolved: answered without an act.
      subject: 'Как добавить новость на сайт самостоятельно',
      kind: 'problem',
      priority: 'normal',
      channel: 'email',
      from: 'marketing@uralmet-service.example',
      org: 'uralmet',
      fields: { section: 'Новости', description: 'Подскажите, как опубликовать новость с фотографиями через панель управления.' },
      path: [take, resolve('Панель управления → «Контент» → «Новости» → «Добавить»; фотографии добавляются во вкладке «Галерея». Инструкция во вложении.')],
    },
    {
      // awaiting_acceptance: the work is done, the act waits for the client (SIN-9).
      subject: 'Разместить прайс-лист на металлопрокат',
      kind: 'change',
      priority: 'normal',
      channel: 'email',
      from: 'frolova@td-yuzhural.example',
      org: 'yuzhural',
      fields: { section: 'Каталог / Металлопрокат', description: 'Разместить новый прайс-лист (xlsx) и обновить цены в карточках 48 позиций.' },
      path: [
        take,
        {
          type: 'ISSUE_ACT',
          data: { items: [{ what: 'Размещён прайс-лист на металлопрокат от текущей даты' }, { what: 'Обновлены цены в 48 карточках раздела «Металлопрокат»' }] },
        },
      ],
    },
    {
      // rework: the client refused the act with reasons; the bilateral act lists the rework (SIN-10).
      subject: 'Перенести форму записи на курсы в новый дизайн',
      kind: 'change',
      priority: 'normal',
      channel: 'web',
      from: 'nikitin@uc-professional.example',
      org: 'profi',
      fields: { section: 'Расписание курсов', description: 'Оформить форму записи на курсы по новому макету и добавить выбор даты начала обучения.' },
      path: [
        take,
        { type: 'ISSUE_ACT', data: { items: [{ what: 'Форма записи оформлена по новому макету' }, { what: 'Добавлен выбор даты начала обучения' }] } },
        {
          type: 'REFUSE_ACT',
          data: {
            reasons: 'На мобильных устройствах форма выходит за край экрана; в выборе даты доступны прошедшие даты.',
            items: [
              { what: 'Исправить вёрстку формы для экранов шириной до 400 пикселей', dueAt: at.later('2bd') },
              { what: 'Запретить выбор прошедших дат начала обучения', dueAt: at.later('3bd') },
            ],
          },
        },
      ],
    },
    {
      // awaiting_acceptance again: after the rework a new act is issued (SIN-10).
      subject: 'Доработать карточку товара: вывод остатков по складам',
      kind: 'change',
      priority: 'high',
      channel: 'email',
      from: 'frolova@td-yuzhural.example',
      org: 'yuzhural',
      fields: { section: 'Каталог, карточка товара', description: 'Выводить в карточке товара остатки по складам Челябинска и Магнитогорска из выгрузки 1С.' },
      path: [
        take,
        { type: 'ISSUE_ACT', data: { items: ['Вывод остатков по складам в карточке товара'] } },
        {
          type: 'REFUSE_ACT',
          data: {
            reasons: 'Остатки склада в Магнитогорске не выводятся.',
            items: [{ what: 'Добавить склад «Магнитогорск» в сопоставление складов выгрузки 1С', dueAt: at.later('1bd') }],
          },
        },
        { type: 'ISSUE_ACT', data: { items: ['Вывод остатков по складам Челябинска и Магнитогорска в карточке товара'] } },
      ],
    },
    {
      // closed: the act approved (SIN-9).
      subject: 'Обновить контакты в подвале сайта',
      kind: 'change',
      priority: 'normal',
      channel: 'email',
      from: 'marketing@uralmet-service.example',
      org: 'uralmet',
      fields: { section: 'Подвал сайта (все страницы)', description: 'Заменить телефон отдела продаж на +7 (351) 247-90-10 и добавить адрес склада на Свердловском тракте.' },
      path: [take, { type: 'ISSUE_ACT', data: { items: ['Обновлены телефон и адрес склада в подвале сайта'] } }, { type: 'APPROVE_ACT' }],
    },
    {
      // closed: out of the support's scope (SIN-5).
      subject: 'Разработать мобильное приложение для записи на курсы',
      kind: 'change',
      priority: 'normal',
      channel: 'email',
      from: 'nikitin@uc-professional.example',
      org: 'profi',
      fields: { section: 'Новый проект', description: 'Нужно мобильное приложение для iOS и Android с записью на курсы и оплатой.' },
      path: [close('out_of_scope')],
    },
  ],
}));

export default desk;
