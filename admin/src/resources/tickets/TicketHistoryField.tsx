import { ArrayField, DataTable } from 'react-admin';
import { DateTimeField } from '../../components/DateTimeField';
import { ActorField } from './ActorField';
import { StateField } from './StateField';
import { useEventLabel } from './useEventLabel';

/** Every accepted event, oldest first: the audit trail agents and complaints rely on. */
export const TicketHistoryField = () => {
  const eventLabel = useEventLabel();
  return (
    <ArrayField source="history">
      <DataTable bulkActionButtons={false} rowClick={false} hover={false} size="small">
        <DataTable.Col source="at" label="resources.tickets.history.at" field={DateTimeField} />
        <DataTable.Col
          source="event"
          label="resources.tickets.history.event"
          render={(entry) => eventLabel(entry.event)}
        />
        <DataTable.Col source="fromState" label="resources.tickets.history.fromState">
          <StateField source="fromState" emptyText="" />
        </DataTable.Col>
        <DataTable.Col source="toState" label="resources.tickets.history.toState">
          <StateField source="toState" />
        </DataTable.Col>
        <DataTable.Col source="actor" label="resources.tickets.history.actor">
          <ActorField source="actor" />
        </DataTable.Col>
      </DataTable>
    </ArrayField>
  );
};
