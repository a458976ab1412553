import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../graphql/scalars.js';

@ObjectType('Attachment', { description: 'A file that came with a mail, listed by name in the intake field it serves' })
export class AttachmentType {
  @Field(() => ID) id!: string;
  @Field(() => String) filename!: string;
  @Field(() => String) contentType!: string;
  @Field(() => Int, { description: 'Bytes' }) size!: number;
  @Field(() => String, { description: 'screenshots, errorLogs, video or attachments' }) field!: string;
  @Field(() => Boolean, { description: 'False when a size limit kept the content out (see skippedReason)' }) kept!: boolean;
  @Field(() => String, { nullable: true }) skippedReason!: string | null;
  @Field(() => DateTimeScalar) createdAt!: Date;
  @Field(() => String, { nullable: true, description: 'Download path (GET with the same Authorization header); null when not kept' })
  url!: string | null;
}
