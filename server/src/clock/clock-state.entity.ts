import { EntitySchema } from '@mikro-orm/core';

/**
 * The manual clock's time, shared through the database so that every server instance and a
 * restarted server agree on "now". `startParam` remembers which CLOCK_START it continues.
 */
export interface ClockState {
  id: number;
  startParam: string;
  now: Date;
}

export const ClockStateSchema = new EntitySchema<ClockState>({
  name: 'ClockState',
  tableName: 'clock_state',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: false },
    startParam: { type: 'string' },
    now: { type: 'Date', columnType: 'timestamptz' },
  },
});
