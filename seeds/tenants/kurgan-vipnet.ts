/**
 * ИСиА, защищённая сеть Правительства Курганской области (kurgan-vipnet.yaml): incidents of
 * the secure network and the VipNet coordinators of regional and municipal authorities (KUR-1)
 * in every state: new, waiting_customer (KUR-3), open, open and escalated to УИТ ПКО (KUR-5),
 * resolved, closed.
 */
import { askFor, resolve, take, defineDesk } from '../demo-types.js';

const property = 'Департамент имущественных и земельных отношений Курганской области';
const shadrinsk = 'Администрация Шадринского муниципального округа Курганской области';
const ketovo = 'Администрация Кетовского муниципального округа Курганской области';

const desk = defineDesk('kurgan-vipnet', (at) => ({
  organizations: [
    {
      key: 'property',
      name: property,
      inn: '4501007318',
      contactName: 'Лебедев Олег Романович',
      contactEmail: 'it@dizo-kurgan.example',
      contactPhone: '+7 (3522) 46-18-03',
    },
    {
      key: 'shadrinsk',
      name: shadrinsk,
      inn: '4502158969',
      contactName: 'Зайцева Нина Павловна',
      contactEmail: 'zaitseva@shadrinsk-mo.example',
      contactPhone: '+7 (35253) 6-31-17',
    },
    {
      key: 'ketovo',
      name: ketovo,
      inn: '4520041184',
      contactName: 'Мальцев Денис Игоревич',
      contactEmail: 'maltsev@ketovo-mo.example',
      contactPhone: '+7 (35231) 2-39-60',
    },
  ],
  tickets: [
    {
      // new: complete (KUR-3), waiting for an agent.
      subject: 'Нет связи с координатором ViPNet после отключения электроэнергии',
      kind: 'incident',
      channel: 'email',
      from: 'it@dizo-kurgan.example',
      org: 'property',
      fields: {
        authority: property,
        fullName: 'Лебедев Олег Романович',
        phone: '+7 (3522) 46-18-03',
        email: 'it@dizo-kurgan.example',
        description: 'После отключения электроэнергии ночью координатор ViPNet (сетевой узел 0x1A2F) не поднимает туннели, защищённая почта не ходит с 08:00.',
      },
      path: [],
    },
    {
      // waiting_customer: the call gave no phone or e-mail to answer to (KUR-3).
      subject: 'Сбой защищённого канала с администрацией округа',
      kind: 'incident',
      channel: 'phone',
      org: 'shadrinsk',
      fields: {
        authority: shadrinsk,
        fullName: 'Зайцева Нина Павловна',
        description: 'Не открывается СЭД Правительства области через защищённую сеть, ViPNet Client показывает узел координатора недоступным.',
      },
      path: [askFor('контактный телефон и адрес электронной почты пользователя')],
    },
    {
      // open: taken into work.
      subject: 'ViPNet Деловая почта: не доставляются письма в Правительство области',
      kind: 'incident',
      channel: 'web',
      from: 'maltsev@ketovo-mo.example',
      org: 'ketovo',
      fields: {
        authority: ketovo,
        fullName: 'Мальцев Денис Игоревич',
        phone: '+7 (35231) 2-39-60',
        email: 'maltsev@ketovo-mo.example',
        description: 'Письма в Деловой почте висят в исходящих со статусом «Не доставлено» со вчерашнего дня; входящие приходят.',
      },
      path: [take],
    },
    {
      // open, escalated to УИТ ПКО by the letter the regulation prescribes (KUR-5).
      subject: 'Истёк сертификат ключа на координаторе ViPNet, обновление не применяется',
      kind: 'incident',
      channel: 'email',
      from: 'zaitseva@shadrinsk-mo.example',
      org: 'shadrinsk',
      fields: {
        authority: shadrinsk,
        fullName: 'Зайцева Нина Павловна',
        phone: '+7 (35253) 6-31-17',
        email: 'zaitseva@shadrinsk-mo.example',
        description: 'На координаторе истёк сертификат ключа; дистрибутив ключей от удостоверяющего центра не устанавливается — «Ошибка проверки подписи».',
      },
      path: [
        take,
        {
          type: 'ESCALATE',
          data: { status: 'Локально проблема не решается: требуется перевыпуск дистрибутива ключей в удостоверяющем центре УИТ ПКО. Узел работает без защищённой связи третий день.' },
        },
      ],
    },
    {
      // resolved: the solution told, waiting for the authority to confirm.
      subject: 'Не устанавливается ViPNet Client на новое рабочее место',
      kind: 'incident',
      channel: 'email',
      from: 'it@dizo-kurgan.example',
      org: 'property',
      fields: {
        authority: property,
        fullName: 'Лебедев Олег Романович',
        phone: '+7 (3522) 46-18-03',
        email: 'it@dizo-kurgan.example',
        description: 'Установка ViPNet Client 4.5 на новый компьютер отдела кадров прерывается ошибкой 1603.',
      },
      path: [take, resolve('Ошибка 1603 вызвана остатками предыдущей версии: удалите их утилитой ViPNet Cleaner, перезагрузите компьютер и установите клиент заново.')],
    },
    {
      // closed: resolved, then closed.
      subject: 'Не отвечает сетевой узел ViPNet в отделе ЗАГС',
      kind: 'incident',
      channel: 'phone',
      from: 'maltsev@ketovo-mo.example',
      org: 'ketovo',
      fields: {
        authority: ketovo,
        fullName: 'Мальцев Денис Игоревич',
        phone: '+7 (35231) 2-39-60',
        email: 'maltsev@ketovo-mo.example',
        description: 'Сетевой узел отдела ЗАГС не виден в списке защищённых узлов.',
      },
      path: [take, resolve('Узел был выключен после переезда отдела; после подключения к сети и перезапуска службы ViPNet связь восстановлена.'), { type: 'CLOSE' }],
    },
  ],
}));

export default desk;
