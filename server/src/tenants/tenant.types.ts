import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../graphql/scalars.js';

@ObjectType('Channel')
export class ChannelType {
  @Field(() => String) kind!: string;
  @Field(() => String, { nullable: true }) address!: string | null;
  @Field(() => String, { nullable: true }) audience!: string | null;
  @Field(() => Boolean) official!: boolean;
  @Field(() => String, { nullable: true }) hours!: string | null;
  @Field(() => String, { nullable: true, description: 'Extension to ask for on a phone line (доб.)' }) extension!: string | null;
  @Field(() => String, { nullable: true, description: "The tenant's time zone, in which `hours` are meant" }) timezone!: string | null;
  @Field(() => String, { nullable: true }) note!: string | null;
}

@ObjectType('RequestKind')
export class RequestKindType {
  @Field(() => ID) id!: string;
  @Field(() => String) title!: string;
  @Field(() => [String], { description: 'Intake fields a request of this kind must carry' }) requiredFields!: string[];
}

@ObjectType('EventDataField', { description: "One key of an event's `data` as the workflow file requires it (`events.<E>.data`)" })
export class EventDataFieldType {
  @Field(() => String) key!: string;
  @Field(() => Boolean) required!: boolean;
  @Field(() => String, { nullable: true, description: 'string | datetime | list | number' }) type!: string | null;
  @Field(() => [String], { nullable: true, description: 'The only values allowed' }) enum!: string[] | null;
  @Field(() => Boolean, { description: 'A datetime that may not be in the past' }) future!: boolean;
}

@ObjectType('WorkflowEvent')
export class WorkflowEventType {
  @Field(() => String) type!: string;
  @Field(() => String) title!: string;
  @Field(() => [String], { description: 'agent | requester | integration | system' }) actors!: string[];
  @Field(() => [EventDataFieldType], { description: 'What the event must carry; anything else is refused as BAD_USER_INPUT' }) data!: EventDataFieldType[];
}

@ObjectType('FieldLabel')
export class FieldLabelType {
  @Field(() => String) field!: string;
  @Field(() => String, { description: "The field's name in the desk's letters (Russian, lower case)" }) label!: string;
}

@ObjectType('Tenant')
export class TenantType {
  @Field(() => ID) id!: string;
  @Field(() => String) title!: string;
  @Field(() => String) timezone!: string;
  @Field(() => Int, { description: 'The workflow version new tickets start on' }) workflowVersion!: number;
  @Field(() => [ChannelType]) channels!: ChannelType[];
  @Field(() => [RequestKindType], { description: 'Request kinds of the workflow in force' }) kinds!: RequestKindType[];
  @Field(() => [WorkflowEventType], { description: 'Events of the workflow in force, with their titles' }) events!: WorkflowEventType[];
  @Field(() => [FieldLabelType], { description: 'Every intake field (shared and the workflow\'s own) with its name in words' }) fieldLabels!: FieldLabelType[];
}

@ObjectType('WorkflowVersion')
export class WorkflowVersionType {
  @Field(() => ID) id!: string;
  @Field(() => ID) tenantId!: string;
  @Field(() => Int) version!: number;
  @Field(() => String) sourceHash!: string;
  @Field(() => DateTimeScalar) createdAt!: Date;
  @Field(() => Boolean, { description: 'false when the source equals the version already in force' }) created!: boolean;
  @Field(() => String, { description: 'The workflow file as published' }) source!: string;
  @Field(() => String) fileName!: string;
  @Field(() => Boolean, { description: 'The version new tickets of the tenant start on' }) inForce!: boolean;
}
