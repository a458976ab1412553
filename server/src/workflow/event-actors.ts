// Who may send which event (the workflow file's `events.<E>.actors`, in the spirit of RT's
// rights per transition). The actor kind comes from how history names the sender:
// `agent:…`, `integration:…`, `requester:…`, `system`; an administrator (`admin:…`) and the
// desk's own mail gateway may send any declared event.

import type { EventActor, WorkflowDefinition } from './workflow.types.js';

export type ActorKind = EventActor | 'admin';

export function actorKindOf(actor: string): ActorKind {
  const prefix = actor.split(':')[0];
  if (prefix === 'agent' || prefix === 'integration' || prefix === 'requester' || prefix === 'system') return prefix;
  return 'admin';
}

export function mayActorSend(definition: WorkflowDefinition, type: string, kind: ActorKind): boolean {
  if (kind === 'admin') return true;
  return definition.events[type]?.actors.includes(kind) ?? false;
}
