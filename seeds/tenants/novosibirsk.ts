/**
 * ГИСЗ НСО (novosibirsk.yaml): state and municipal customers of the regional procurement
 * system. Every state of the machine: new, waiting_customer (the automatic request for what
 * is missing, NSO-6, and a date named by the customer, NSO-10), open (with a remote session,
 * NSO-11), promised (NSO-9), closed as resolved (NSO-7) and as stale (NSO-10, with a
 * complaint, NSO-12); an outage and a maintenance window (NSO-1); logged calls (NSO-3).
 */
import { close, provide, resolve, take, defineDesk } from '../demo-types.js';

const desk = defineDesk('novosibirsk', (at) => ({
  organizations: [
    {
      key: 'gkb12',
      name: 'ГБУЗ НСО «Городская клиническая больница № 12»',
      inn: '5406128730',
      contactName: 'Смирнова Ольга Петровна',
      contactEmail: 'zakupki@gkb12-nsk.example',
      contactPhone: '+7 (383) 227-41-18',
    },
    {
      key: 'school151',
      name: 'МБОУ «Средняя общеобразовательная школа № 151» г. Новосибирска',
      inn: '5402345195',
      contactName: 'Ким Андрей Сергеевич',
      contactEmail: 'school151@edu-nsk.example',
      contactPhone: '+7 (383) 274-05-63',
    },
    {
      key: 'berdsk',
      name: 'МКУ «Управление заказчика города Бердска»',
      inn: '5445120870',
      contactName: 'Лаптева Елена Викторовна',
      contactEmail: 'uz@berdsk-adm.example',
      contactPhone: '+7 (38341) 2-14-90',
    },
  ],
  tickets: [
    {
      // new: complete (NSO-5), waiting for an agent.
      subject: 'Ошибка «Сертификат не найден» при подписании контракта',
      kind: 'request',
      channel: 'email',
      audience: 'customer',
      from: 'zakupki@gkb12-nsk.example',
      org: 'gkb12',
      fields: {
        inn: '5406128730',
        fullName: 'Смирнова Ольга Петровна',
        phone: '+7 (383) 227-41-18',
        occurredAt: at.hoursAgo(3),
        description:
          'При подписании контракта № 0351300012326000148 на поставку перевязочных материалов система выдаёт ошибку «Сертификат не найден». ' +
          'Сертификат руководителя действующий, в КриптоПро отображается.',
        steps: 'Контракты → Контракты на подписании → открыть контракт → «Подписать».',
        screenshots: ['oshibka-podpisi.png'],
      },
      path: [],
    },
    {
      // new: a municipal customer's request through mz154@krista.ru (NSO-2).
      subject: 'Не публикуется план-график закупок на 2027 год',
      kind: 'request',
      channel: 'email',
      audience: 'municipal',
      from: 'uz@berdsk-adm.example',
      org: 'berdsk',
      fields: {
        inn: '5445120870',
        fullName: 'Лаптева Елена Викторовна',
        phone: '+7 (38341) 2-14-90',
        occurredAt: at.hoursAgo(20),
        description: 'План-график на 2027 год прошёл контроль, но при публикации в ЕИС статус остаётся «Отправлен», ответа нет больше суток.',
        steps: 'Планирование → План-график 2027 → «Опубликовать в ЕИС».',
        screenshots: ['plan-grafik-status.png', 'protokol-kontrolya.png'],
      },
      path: [],
    },
    {
      // waiting_customer: incomplete, so the workflow asks at once for what is missing (NSO-6).
      subject: 'Не формируется извещение о проведении электронного аукциона',
      kind: 'request',
      channel: 'web',
      audience: 'customer',
      from: 'school151@edu-nsk.example',
      org: 'school151',
      fields: {
        inn: '5402345195',
        fullName: 'Ким Андрей Сергеевич',
        description: 'Кнопка «Сформировать извещение» неактивна, хотя все вкладки закупки заполнены.',
      },
      path: [],
    },
    {
      // waiting_customer: the customer named the date the information will come (NSO-10).
      subject: 'Расхождение суммы контракта в реестре контрактов',
      kind: 'request',
      channel: 'email',
      audience: 'municipal',
      from: 'uz@berdsk-adm.example',
      org: 'berdsk',
      fields: {
        inn: '5445120870',
        fullName: 'Лаптева Елена Викторовна',
        description: 'В реестре контрактов сумма контракта на ремонт дороги по ул. Ленина отличается от суммы в карточке на 12 400,00 руб.',
      },
      path: [{ type: 'NAME_DATE', data: { date: at.later('2bd') } }],
    },
    {
      // open: taken into work, a remote session held (NSO-11).
      subject: 'Не загружается файл спецификации в заявку на закупку',
      kind: 'request',
      channel: 'email',
      audience: 'customer',
      from: 'zakupki@gkb12-nsk.example',
      org: 'gkb12',
      fields: {
        inn: '5406128730',
        fullName: 'Орлова Мария Ивановна',
        phone: '+7 (383) 227-41-20',
        occurredAt: at.daysAgo(1),
        description: 'Файл спецификации в формате xlsx (2,3 МБ) не прикрепляется к заявке: индикатор загрузки доходит до конца и пропадает.',
        steps: 'Заявки на закупку → Новая заявка → вкладка «Документы» → «Добавить файл».',
        screenshots: ['zagruzka-faila.png'],
      },
      path: [
        take,
        {
          type: 'REMOTE_SESSION',
          data: { note: 'Удалённое подключение (AnyDesk) к рабочему месту Орловой М. И.: файл блокирует антивирус, добавлено исключение, проверяем загрузку.' },
        },
      ],
    },
    {
      // open: the missing information came (PROVIDE_INFO), the 5 bd of NSO-9 count from here.
      subject: 'Не отображаются позиции КТРУ при формировании заявки',
      kind: 'request',
      channel: 'web',
      audience: 'customer',
      from: 'school151@edu-nsk.example',
      org: 'school151',
      fields: {
        inn: '5402345195',
        fullName: 'Ким Андрей Сергеевич',
        description: 'При выборе позиции КТРУ для закупки учебников список пустой.',
      },
      path: [
        provide({
          occurredAt: at.daysAgo(2),
          steps: 'Заявки на закупку → Объекты закупки → «Выбрать из КТРУ» → поиск «58.11.1».',
          screenshots: ['ktru-pusto.png'],
        }),
      ],
    },
    {
      // promised: a preliminary answer with the date of the final one (NSO-9).
      subject: 'Ошибка при формировании отчёта об исполнении контракта',
      kind: 'request',
      channel: 'email',
      audience: 'customer',
      from: 'zakupki@gkb12-nsk.example',
      org: 'gkb12',
      fields: {
        inn: '5406128730',
        fullName: 'Смирнова Ольга Петровна',
        phone: '+7 (383) 227-41-18',
        occurredAt: at.daysAgo(1),
        description: 'Отчёт об исполнении контракта по этапу 2 не формируется: «Ошибка при формировании печатной формы (код 500)».',
        steps: 'Контракты → Исполнение → Этап 2 → «Сформировать отчёт».',
        screenshots: ['otchet-500.png'],
      },
      path: [
        take,
        {
          type: 'PROMISE',
          data: {
            finalDueAt: at.later('3bd'),
            text: 'Ошибка воспроизведена и передана разработчикам печатных форм; до исправления отчёт можно сформировать в разделе «Печатные формы» вручную.',
          },
        },
      ],
    },
    {
      // closed: the solution sent, which closes the ticket (NSO-7).
      subject: 'Как добавить нового пользователя организации',
      kind: 'request',
      channel: 'email',
      audience: 'customer',
      from: 'zakupki@gkb12-nsk.example',
      org: 'gkb12',
      fields: {
        inn: '5406128730',
        fullName: 'Соколов Илья Викторович',
        occurredAt: at.daysAgo(1),
        description: 'Новому контрактному управляющему нужен доступ в систему, в списке пользователей организации его нет.',
        steps: 'Администрирование → Пользователи → «Добавить» — кнопка недоступна.',
        screenshots: ['polzovateli.png'],
      },
      path: [
        take,
        resolve(
          'Добавлять пользователей может только администратор организации. Направьте заявку на подключение по форме из раздела «Документы» ' +
            'на сайте ГИСЗ НСО, подписанную руководителем; после регистрации пользователь получит логин на свою почту.',
        ),
      ],
    },
    {
      // closed as stale: no answer to the request for information (NSO-10), then a complaint (NSO-12).
      subject: 'Не приходят уведомления о размещении закупок',
      kind: 'request',
      channel: 'web',
      audience: 'customer',
      from: 'school151@edu-nsk.example',
      org: 'school151',
      fields: {
        inn: '5402345195',
        fullName: 'Ким Андрей Сергеевич',
        description: 'Перестали приходить уведомления на почту.',
      },
      path: [
        close('stale'),
        {
          type: 'COMPLAIN',
          data: { text: 'Обращение закрыто как неактуальное, хотя запрошенные сведения мы направили по телефону. Просим проверить соблюдение регламента.' },
        },
      ],
    },
  ],
  announcements: [
    {
      kind: 'outage',
      title: 'Не работает интеграция с ЕИС',
      body: 'Из-за технических работ на стороне ЕИС не публикуются извещения и планы-графики. Документы сохраняются и будут отправлены автоматически после восстановления связи.',
      startsAt: at.hoursAgo(2),
      endsAt: null,
    },
    {
      kind: 'maintenance',
      title: 'Плановые работы: обновление ГИСЗ НСО',
      body: 'Система будет недоступна с 20:00 до 23:00 по новосибирскому времени: устанавливается обновление версии 26.4. Просим завершить подписание документов заранее.',
      startsAt: at.localTime(1, '20:00'),
      endsAt: at.localTime(1, '23:00'),
    },
  ],
  phoneCalls: [
    {
      at: at.hoursAgo(1),
      callerName: 'Ким Андрей Сергеевич',
      callerPhone: '+7 (383) 274-05-63',
      organization: 'МБОУ «Средняя общеобразовательная школа № 151» г. Новосибирска',
      summary: 'Как продлить срок подачи заявок по аукциону. Рассказали: «Закупки → Изменить извещение», новая дата не раньше чем через 7 дней.',
    },
    {
      at: at.daysAgo(1),
      callerName: 'Лаптева Елена Викторовна',
      callerPhone: '+7 (38341) 2-14-90',
      organization: 'МКУ «Управление заказчика города Бердска»',
      summary: 'Уточняла адрес для обращений муниципальных заказчиков. Сообщили: mz154@krista.ru и телефон (383) 201-66-19.',
    },
    {
      at: at.hoursAgo(4),
      callerName: 'Орлова Мария Ивановна',
      callerPhone: '+7 (383) 227-41-20',
      organization: 'ГБУЗ НСО «Городская клиническая больница № 12»',
      summary: 'Не подписывается дополнительное соглашение к контракту на поставку лекарственных препаратов.\nПомогли заполнить обращение, скриншот и ИНН пришлёт по почте.',
      ticket: { kind: 'request', subject: 'Не подписывается дополнительное соглашение к контракту', audience: 'customer', path: [] },
    },
  ],
}));

export default desk;
