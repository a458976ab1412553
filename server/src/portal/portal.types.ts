import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { DateTimeScalar, JSONScalar } from '../graphql/scalars.js';
import { Deadline, MessageType, StatusCategoryEnum } from '../tickets/ticket.types.js';
import { AcceptanceAct } from '../acts/act.types.js';

@InputType({ description: 'A file sent with a web request, as base64' })
export class FileUploadInput {
  @Field(() => String) filename!: string;
  @Field(() => String, { nullable: true }) contentType?: string;
  @Field(() => String, { description: 'The file, base64-encoded' }) contentBase64!: string;
}

@InputType({ description: "A request from the tenant's public web form" })
export class SubmitRequestInput {
  @Field(() => ID) tenantId!: string;
  @Field(() => String, { nullable: true }) kind?: string;
  @Field(() => String, { nullable: true }) subject?: string;
  @Field(() => JSONScalar, { nullable: true }) fields?: Record<string, unknown>;
  @Field(() => String, { description: "The requester's e-mail: the acknowledgement with the personal link goes there" }) from!: string;
  @Field(() => String, { nullable: true, description: 'Left empty by people; a form fills it only when a robot does (honeypot)' })
  website?: string;
  @Field(() => [FileUploadInput], { nullable: true, description: 'Screenshots, error-log archives, video: listed by name in the fields they serve' })
  attachments?: FileUploadInput[];
}

@ObjectType('RequestReceipt')
export class RequestReceiptType {
  @Field(() => String, { description: "The ticket's number in the tenant's numbering" }) number!: string;
  @Field(() => StatusCategoryEnum) statusCategory!: StatusCategoryEnum;
  @Field(() => [String], { description: 'What the request still lacks (it is registered anyway)' }) missingFields!: string[];
}

@ObjectType('RequesterTicket', { description: 'One ticket as its requester sees it through the personal link' })
export class RequesterTicketType {
  @Field(() => String) number!: string;
  @Field(() => ID) tenantId!: string;
  @Field(() => String, { description: "The desk's time zone, in which its deadlines are meant" }) timezone!: string;
  @Field(() => String, { nullable: true }) kind!: string | null;
  @Field(() => String, { nullable: true }) subject!: string | null;
  @Field(() => StatusCategoryEnum, { description: 'new, open, waiting_customer, resolved, closed' }) status!: StatusCategoryEnum;
  @Field(() => String) state!: string;
  @Field(() => String, { nullable: true }) closeReason!: string | null;
  @Field(() => [String]) missingFields!: string[];
  @Field(() => DateTimeScalar) createdAt!: Date;
  @Field(() => DateTimeScalar) updatedAt!: Date;
  @Field(() => [MessageType]) messages!: MessageType[];
  @Field(() => [AcceptanceAct]) acts!: AcceptanceAct[];
  @Field(() => [Deadline]) deadlines!: Deadline[];
  @Field(() => [String], { description: "The requester's own events the ticket takes now" }) availableEvents!: string[];
}
