import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../graphql/scalars.js';

@ObjectType('WorkingInterval')
export class WorkingIntervalType {
  @Field(() => DateTimeScalar) start!: Date;
  @Field(() => DateTimeScalar, { description: 'Exclusive' }) end!: Date;
}

@ObjectType('BusinessCalendarDay')
export class BusinessCalendarDayType {
  @Field(() => String, { description: 'The local date, YYYY-MM-DD' }) date!: string;
  @Field(() => String, { description: 'mon … sun' }) weekday!: string;
  @Field(() => Boolean) businessDay!: boolean;
  @Field(() => Boolean) dayOff!: boolean;
  @Field(() => Boolean, { description: 'A holiday or transferred day off of the production calendar' }) holiday!: boolean;
  @Field(() => Boolean, { description: 'A weekend day the decree makes a working day' }) transferredWorkingDay!: boolean;
  @Field(() => String, { nullable: true, description: 'Whose hours a transferred working day keeps' }) worksAs!: string | null;
  @Field(() => Boolean, { description: 'A pre-holiday day of the production calendar' }) shortened!: boolean;
  @Field(() => Boolean, { description: "The tenant's hours end an hour early on this date" }) endsEarly!: boolean;
  @Field(() => Boolean, { description: 'The year is provisional: its decree is not yet checked' }) provisional!: boolean;
  @Field(() => [WorkingIntervalType]) intervals!: WorkingIntervalType[];
  @Field(() => Int) workingMinutes!: number;
}

@ObjectType('BusinessCalendar')
export class BusinessCalendarType {
  @Field(() => ID) tenantId!: string;
  @Field(() => String) timezone!: string;
  @Field(() => String) productionCalendar!: string;
  @Field(() => String) from!: string;
  @Field(() => String) to!: string;
  @Field(() => [BusinessCalendarDayType]) days!: BusinessCalendarDayType[];
}
