import { Field, Int, ObjectType } from 'type-graphql';
import type { GraphState, GraphTransition, GraphTransitionKind, WorkflowGraph } from '../workflow/workflow.graph.js';

@ObjectType('WorkflowGraphState', { description: 'A leaf state of the machine; nested states are dot-separated, as in Ticket.state' })
export class WorkflowGraphStateType implements GraphState {
  @Field(() => String) id!: string;
  @Field(() => String, { nullable: true, description: 'The status category its tag names' }) category!: GraphState['category'];
  @Field(() => Boolean) initial!: boolean;
  @Field(() => Boolean) final!: boolean;
  @Field(() => String, { nullable: true }) description!: string | null;
}

@ObjectType('WorkflowGraphTransition')
export class WorkflowGraphTransitionType implements GraphTransition {
  @Field(() => String, { nullable: true, description: "Null for the machine's own `on`: taken in every state that is not final" }) from!: string | null;
  @Field(() => String, { nullable: true, description: 'Null when the transition stays in its state and only runs actions' }) to!: string | null;
  @Field(() => String, { description: 'event | delay | always' }) kind!: GraphTransitionKind;
  @Field(() => String, { description: 'The event type, the delay (`2bd`, a named delay) or `always`' }) label!: string;
  @Field(() => String, { nullable: true, description: "The guard's catalog name, when the transition has a condition" }) guard!: string | null;
}

@ObjectType('WorkflowGraph', { description: "A workflow's machine as states and labelled transitions, for drawing" })
export class WorkflowGraphType implements WorkflowGraph {
  @Field(() => String) initial!: string;
  @Field(() => [WorkflowGraphStateType]) states!: WorkflowGraphStateType[];
  @Field(() => [WorkflowGraphTransitionType]) transitions!: WorkflowGraphTransitionType[];
}

@ObjectType('WorkflowProblem', { description: 'One thing wrong with a workflow file, at its line and column (1-based)' })
export class WorkflowProblemType {
  @Field(() => String) message!: string;
  @Field(() => Int) line!: number;
  @Field(() => Int) column!: number;
  @Field(() => String, { description: 'Where in the document, e.g. machine.states.open.on.TAKE.target' }) path!: string;
}

@ObjectType('WorkflowCheck', { description: 'What publishing a source would say, without publishing it' })
export class WorkflowCheckType {
  @Field(() => Boolean) valid!: boolean;
  @Field(() => [WorkflowProblemType]) problems!: WorkflowProblemType[];
  @Field(() => WorkflowGraphType, { nullable: true, description: 'The machine the source describes, when it is valid' }) graph!: WorkflowGraphType | null;
}
