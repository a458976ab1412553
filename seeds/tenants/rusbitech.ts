/**
 * РусБИТех, ПТКА СКПС ВС РФ (rusbitech.yaml): customers under contracts (RBT-1), one with its
 * own resolution target (RBT-6) and one whose contract has expired, so its request is
 * registered and closed as no_contract. Every state: new (normal and high criticality,
 * RBT-8), open, in_development (RBT-9), waiting_customer, resolved, closed.
 */
import { askFor, confirm, resolve, take, defineDesk } from '../demo-types.js';

const centre = 'ФГКУ «Центр каталогизации предметов снабжения № 2»';
const podolsk = 'АО «Подольский приборостроительный завод»';
const tekhsnab = 'ООО «Техснаб-Каталог»';

const desk = defineDesk('rusbitech', (at) => ({
  organizations: [
    {
      key: 'centre',
      name: centre,
      inn: '7731840255',
      serviceLevel: 'standard',
      contractFrom: at.date(-320),
      contractUntil: at.date(410),
      contactName: 'Гусев Виктор Николаевич',
      contactEmail: 'gusev.vn@ckps2.example',
      contactPhone: '+7 (495) 693-17-42',
    },
    {
      // RBT-6: the contract sets its own processing time.
      key: 'podolsk',
      name: podolsk,
      inn: '5027316498',
      serviceLevel: 'standard',
      contractFrom: at.date(-200),
      contractUntil: at.date(165),
      slaTargets: { resolution: '7bd' },
      contactName: 'Белова Татьяна Юрьевна',
      contactEmail: 'belova@ppz-podolsk.example',
      contactPhone: '+7 (4967) 54-22-08',
    },
    {
      // RBT-1: the contract ended a month ago.
      key: 'tekhsnab',
      name: tekhsnab,
      inn: '7716583028',
      serviceLevel: 'standard',
      contractFrom: at.date(-760),
      contractUntil: at.date(-30),
      contactName: 'Ершов Константин Андреевич',
      contactEmail: 'ershov@tekhsnab-katalog.example',
      contactPhone: '+7 (495) 120-48-31',
    },
  ],
  tickets: [
    {
      // new, normal: a consultation (RBT-4).
      subject: 'Порядок присвоения кодов ЕКПС новым изделиям',
      kind: 'consultation',
      priority: 'normal',
      channel: 'email',
      from: 'belova@ppz-podolsk.example',
      org: 'podolsk',
      fields: {
        organization: podolsk,
        fullName: 'Белова Татьяна Юрьевна',
        phone: '+7 (4967) 54-22-08',
        description: 'Просим разъяснить порядок заполнения карточки предмета снабжения для изделий, поставляемых впервые: какие реквизиты обязательны для присвоения кода ЕКПС.',
      },
      path: [],
    },
    {
      // new, high: account access is restored out of turn (RBT-8).
      subject: 'Заблокирована учётная запись администратора ПТКА',
      kind: 'administration',
      priority: 'high',
      channel: 'phone',
      from: 'gusev.vn@ckps2.example',
      org: 'centre',
      fields: {
        organization: centre,
        fullName: 'Гусев Виктор Николаевич',
        phone: '+7 (495) 693-17-42',
        description: 'После трёх неверных попыток входа заблокирована единственная учётная запись администратора; выдача прав пользователям остановлена.',
      },
      path: [],
    },
    {
      // open, high: a critical service down (RBT-8), the contract's own 7 bd (RBT-6).
      subject: 'Не запускается сервер приложений ПТКА после установки обновления',
      kind: 'operation',
      priority: 'high',
      channel: 'email',
      from: 'belova@ppz-podolsk.example',
      org: 'podolsk',
      fields: {
        organization: podolsk,
        fullName: 'Белова Татьяна Юрьевна',
        phone: '+7 (4967) 54-22-08',
        description: 'После установки обновления 3.8.2 служба сервера приложений останавливается через минуту после запуска. В журнале: «FATAL: database schema version mismatch».',
      },
      path: [take],
    },
    {
      // in_development: the fix needs the development department (RBT-9).
      subject: 'Ошибка выгрузки каталога в XML: нарушение схемы',
      kind: 'errors',
      priority: 'normal',
      channel: 'email',
      from: 'gusev.vn@ckps2.example',
      org: 'centre',
      fields: {
        organization: centre,
        fullName: 'Гусев Виктор Николаевич',
        description: 'Выгрузка раздела каталога в XML не проходит проверку по XSD: элемент «КодОКПД2» пустой у 214 позиций, хотя в карточках код заполнен.',
      },
      path: [take, { type: 'HANDOFF_DEV' }],
    },
    {
      // waiting_customer: the agent needs the data set to reproduce it.
      subject: 'Некорректные итоги в отчёте о движении предметов снабжения',
      kind: 'data_processing',
      priority: 'normal',
      channel: 'email',
      from: 'belova@ppz-podolsk.example',
      org: 'podolsk',
      fields: {
        organization: podolsk,
        fullName: 'Белова Татьяна Юрьевна',
        description: 'В отчёте о движении предметов снабжения за III квартал итоговое количество не совпадает с суммой по строкам.',
      },
      path: [take, askFor('параметры отчёта и выгрузку исходных данных за III квартал')],
    },
    {
      // resolved: waiting for the customer to confirm.
      subject: 'Дублируются записи в справочнике поставщиков',
      kind: 'errors',
      priority: 'normal',
      channel: 'email',
      from: 'gusev.vn@ckps2.example',
      org: 'centre',
      fields: {
        organization: centre,
        fullName: 'Гусев Виктор Николаевич',
        description: 'После импорта из файла поставщиков в справочнике появились дубликаты с одинаковым ИНН.',
      },
      path: [take, resolve('Дубликаты объединены сервисной процедурой; при импорте включите режим «Сопоставлять по ИНН» (руководство оператора, п. 4.3.2).')],
    },
    {
      // closed: the solution confirmed.
      subject: 'Инструктаж по формированию заявок на кодификацию',
      kind: 'consultation',
      priority: 'normal',
      channel: 'phone',
      from: 'gusev.vn@ckps2.example',
      org: 'centre',
      fields: {
        organization: centre,
        fullName: 'Гусев Виктор Николаевич',
        description: 'Просим провести инструктаж для трёх новых операторов по формированию заявок на кодификацию.',
      },
      path: [take, resolve('Инструктаж проведён по видеосвязи, материалы и запись направлены на почту.'), confirm],
    },
    {
      // closed as no_contract on registration (RBT-1).
      subject: 'Не формируется выписка из каталога',
      kind: 'errors',
      priority: 'normal',
      channel: 'email',
      from: 'ershov@tekhsnab-katalog.example',
      org: 'tekhsnab',
      fields: {
        organization: tekhsnab,
        fullName: 'Ершов Константин Андреевич',
        description: 'Выписка из каталога по номенклатурной группе 5340 формируется пустой.',
      },
      path: [],
    },
  ],
}));

export default desk;
