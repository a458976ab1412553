import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { TicketType } from '../tickets/ticket.types.js';

export enum EmailOutcomeEnum {
  CREATED = 'CREATED',
  APPENDED = 'APPENDED',
  REJECTED = 'REJECTED',
}
registerEnumType(EmailOutcomeEnum, { name: 'EmailOutcome' });

@ObjectType('EmailReceipt', { description: 'What became of a received mail; a rejected mail is kept with its reason.' })
export class EmailReceiptType {
  @Field(() => EmailOutcomeEnum) outcome!: EmailOutcomeEnum;
  @Field(() => String, { nullable: true }) reason!: string | null;
  @Field(() => TicketType, { nullable: true, description: 'The ticket made or appended to; null when rejected' })
  ticket!: TicketType | null;
}
