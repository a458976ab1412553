// Invalid files: every problem names what is wrong and points at the node that is wrong.
// Expected positions are computed from the mutated fixture text, never copied from output.

import { describe, expect, it } from 'vitest';
import { formatProblems, parseWorkflowSource, type WorkflowProblem } from '../../server/src/workflow/index.js';
import { positionOf, readFixture, replaceOnce } from './workflow.helpers.js';

const base = readFixture('timers.yaml');

function problemsOf(source: string): WorkflowProblem[] {
  const result = parseWorkflowSource(source, 'fixture.yaml');
  if (result.ok) throw new Error('expected the file to be invalid');
  return result.problems;
}

/** The single problem of `source`, which must be at `at`, with a message matching `message`. */
function expectOneProblem(source: string, at: { line: number; column: number }, message: RegExp): WorkflowProblem {
  const problems = problemsOf(source);
  expect(problems, formatProblems(problems)).toHaveLength(1);
  const [problem] = problems as [WorkflowProblem];
  expect({ line: problem.line, column: problem.column }, problem.message).toEqual(at);
  expect(problem.message).toMatch(message);
  expect(problem.file).toBe('fixture.yaml');
  return problem;
}

describe('workflow problems', () => {
  it('the fixture itself is valid', () => {
    expect(parseWorkflowSource(base, 'fixture.yaml').ok).toBe(true);
  });

  describe('YAML syntax errors', () => {
    it('a second colon in a plain value is reported at that value', () => {
      const source = replaceOnce(base, '  title: Fixture\n', '  title: Fixture: the second\n');
      expectOneProblem(source, positionOf(source, 'Fixture: the second'), /YAML syntax: Nested mappings/);
    });

    it('a tab used for indentation is reported at the start of its line', () => {
      const source = replaceOnce(base, '\n  title: Fixture\n', '\n\ttitle: Fixture\n');
      expectOneProblem(source, positionOf(source, '\ttitle'), /Tabs are not allowed/);
    });

    it('a key given twice is reported at the second one', () => {
      const source = replaceOnce(base, '  reset: never\n', '  reset: never\n  reset: daily\n');
      expectOneProblem(source, positionOf(source, 'reset: daily'), /Map keys must be unique/);
    });
  });

  describe('schema errors', () => {
    it('a value outside an enumeration names the allowed values', () => {
      const source = replaceOnce(base, 'reset: never', 'reset: weekly');
      const problem = expectOneProblem(source, positionOf(source, 'weekly'), /"weekly" is not allowed; use one of: never, daily, yearly/);
      expect(problem.path).toBe('numbering.reset');
    });

    it('an unknown property is reported at its key with the properties allowed there', () => {
      const source = replaceOnce(base, '      tags: [resolved]\n', '      tags: [resolved]\n      colour: blue\n');
      const problem = expectOneProblem(source, positionOf(source, 'colour'), /unknown property "colour"; allowed here: type, id, description, initial, tags/);
      expect(problem.path).toBe('machine.states.resolved.colour');
    });

    it('a missing required property is reported at the mapping that lacks it', () => {
      const source = replaceOnce(base, '  regulation: fixture.txt\n', '');
      expectOneProblem(source, positionOf(source, '\ntenant:', { offset: 1 }), /missing required property "regulation"/);
    });

    it('a value of the wrong type says what was expected', () => {
      const source = replaceOnce(base, 'official: true', 'official: "yes"');
      expectOneProblem(source, positionOf(source, '"yes"'), /must be true or false, not a string/);
    });

    it('a transition of the wrong type says what a transition may be', () => {
      const source = replaceOnce(base, 'REQUEST_INFO: waiting', 'REQUEST_INFO: 42');
      expectOneProblem(source, positionOf(source, '42'), /must be text, a mapping or a list, not a number/);
    });

    it('an event name that is not UPPER_SNAKE_CASE is reported at the name', () => {
      const source = replaceOnce(base, '  NOTE: {', '  note: {');
      expectOneProblem(source, positionOf(source, 'note: {'), /"note" is not a valid name here: expected an event name in UPPER_SNAKE_CASE/);
    });

    it('an email channel needs an email address', () => {
      const source = replaceOnce(base, 'address: help@example.ru', 'address: help.example.ru');
      expectOneProblem(source, positionOf(source, 'help.example.ru'), /expected an email address/);
    });

    it('an official channel needs an address', () => {
      const source = replaceOnce(base, '    address: help@example.ru\n', '');
      expectOneProblem(source, positionOf(source, '- kind: email', { offset: 2 }), /missing required property "address"/);
    });

    it('an empty file is one problem at its start', () => {
      expectOneProblem('', { line: 1, column: 1 }, /must be a mapping, not null/);
    });
  });

  describe('catalog names', () => {
    it('an unknown guard names the guards of the catalog', () => {
      const source = replaceOnce(base, 'guard: hasRequiredFields', 'guard: hasAllFields');
      const problem = expectOneProblem(
        source,
        positionOf(source, 'hasAllFields'),
        /unknown guard "hasAllFields"; the catalog's guards are: hasRequiredFields, missingRequiredFields, eventHas/,
      );
      expect(problem.path).toBe('machine.states.new.on.TAKE.guard');
    });

    it('an action used as a guard says what it is', () => {
      const source = replaceOnce(base, 'guard: hasRequiredFields', 'guard: notify');
      expectOneProblem(source, positionOf(source, 'guard: notify', { offset: 7 }), /unknown guard "notify" \("notify" is an action\)/);
    });

    it('an unknown action in { type, params } form is reported at its type', () => {
      const source = replaceOnce(base, 'type: recordNote', 'type: writeNote');
      expectOneProblem(source, positionOf(source, 'writeNote'), /unknown action "writeNote"; the catalog's actions are: setCloseReason/);
    });

    it('params an action does not take are reported at the param', () => {
      const source = replaceOnce(base, 'params: { text: noted }', 'params: { txt: noted }');
      expectOneProblem(source, positionOf(source, 'txt: noted'), /action "recordNote": unknown property "txt"; allowed here: text/);
    });

    it('a missing required param is reported at the params', () => {
      const source = replaceOnce(base, "{ type: setCloseReason, params: { reason: resolved } }", '{ type: setCloseReason, params: {} }');
      expectOneProblem(source, positionOf(source, 'params: {}'), /action "setCloseReason": missing required property "reason"/);
    });

    it('notify must name a template the file defines', () => {
      const source = replaceOnce(base, 'template: registered }', 'template: welcome }');
      expectOneProblem(
        source,
        positionOf(source, '{ template: welcome }'),
        /notify uses template "welcome", which is not defined in templates \(defined: registered, reminder\)/,
      );
    });
  });

  describe('machine structure', () => {
    it('a transition target that does not exist names the states that do', () => {
      const source = replaceOnce(base, 'REQUEST_INFO: waiting', 'REQUEST_INFO: waitng');
      const problem = expectOneProblem(
        source,
        positionOf(source, 'waitng'),
        /target state "waitng" does not exist; from "open" you can target new, open, waiting, resolved, closed/,
      );
      expect(problem.path).toBe('machine.states.open.on.REQUEST_INFO');
    });

    it('a nested target is resolved among the siblings of the nested state', () => {
      const source = replaceOnce(base, '1d: reminded', '1d: resolved');
      expectOneProblem(
        source,
        positionOf(source, '1d: resolved', { offset: 4 }),
        /target state "resolved" does not exist; from "waiting.asked" you can target asked, reminded/,
      );
    });

    it('targets by #id and .child resolve', () => {
      let source = replaceOnce(base, 'REQUEST_INFO: waiting', 'REQUEST_INFO: "#fixture.waiting.reminded"');
      source = replaceOnce(source, '        PROVIDE_INFO:\n          target: open', '        PROVIDE_INFO:\n          target: .reminded');
      expect(parseWorkflowSource(source, 'fixture.yaml').ok).toBe(true);
    });

    it('an atomic state without a status category tag is reported at its tags', () => {
      const source = replaceOnce(base, 'tags: [resolved]', 'tags: [done]');
      expectOneProblem(
        source,
        positionOf(source, '[done]'),
        /state "resolved" must carry exactly one status category tag \(one of: new, open, waiting_customer, resolved, closed\), but has none/,
      );
    });

    it('an atomic state without tags is reported at its name', () => {
      const source = replaceOnce(base, '    resolved:\n      tags: [resolved]\n', '    resolved:\n');
      expectOneProblem(source, positionOf(source, '    resolved:', { offset: 4 }), /state "resolved" must carry exactly one status category tag/);
    });

    it('an atomic state with two status categories is reported', () => {
      const source = replaceOnce(base, 'tags: [resolved]', 'tags: [resolved, closed]');
      expectOneProblem(source, positionOf(source, '[resolved, closed]'), /but has resolved, closed/);
    });

    it('a parent state must leave the status category to its children', () => {
      const source = replaceOnce(base, '      initial: asked\n', '      initial: asked\n      tags: [waiting_customer]\n');
      expectOneProblem(source, positionOf(source, '[waiting_customer]'), /state "waiting" has child states, so it must not carry a status category/);
    });

    it('an event the machine uses must be declared in events', () => {
      const source = replaceOnce(base, '        NOTE:\n', '        COMMENT:\n');
      expectOneProblem(source, positionOf(source, 'COMMENT:'), /event "COMMENT" is not declared in events; declared: TAKE, REQUEST_INFO/);
    });

    it('the initial state must exist', () => {
      const source = replaceOnce(base, '  initial: new\n', '  initial: fresh\n');
      expectOneProblem(source, positionOf(source, 'fresh'), /initial state "fresh" does not exist; top-level states are: new, open/);
    });

    it('a final state takes no transitions', () => {
      const source = replaceOnce(base, '      type: final\n', '      type: final\n      on:\n        REOPEN: open\n');
      expectOneProblem(source, positionOf(source, 'on:\n        REOPEN: open'), /final state "closed" takes no more transitions/);
    });

    it('the context may not redefine what the ticket owns', () => {
      const source = replaceOnce(base, '    escalations: 0\n', '    escalations: 0\n    closeReason: none\n');
      expectOneProblem(source, positionOf(source, 'closeReason: none'), /context may not define "closeReason"/);
    });

    it('several problems are reported together, in document order', () => {
      let source = replaceOnce(base, 'guard: hasRequiredFields', 'guard: hasAllFields');
      source = replaceOnce(source, 'REQUEST_INFO: waiting', 'REQUEST_INFO: waitng');
      const problems = problemsOf(source);
      expect(problems.map((p) => p.line)).toEqual([positionOf(source, 'hasAllFields').line, positionOf(source, 'waitng').line]);
    });
  });

  describe('time, numbers and delays', () => {
    it('an unknown time zone says what is allowed', () => {
      const source = replaceOnce(base, 'timezone: "+06:00"', 'timezone: Asia/Novosibirks');
      expectOneProblem(source, positionOf(source, 'Asia/Novosibirks'), /"Asia\/Novosibirks" is not a known time zone; use an IANA time zone .* or a fixed offset such as "\+06:00"/);
    });

    it('an offset without minutes is not a time zone', () => {
      const source = replaceOnce(base, 'timezone: "+06:00"', 'timezone: "+6"');
      expectOneProblem(source, positionOf(source, '"+6"'), /not a known time zone/);
    });

    it('a malformed numbering pattern names the allowed tokens', () => {
      const source = replaceOnce(base, '"F-{seq:4}"', '"F-{seq4}"');
      expectOneProblem(source, positionOf(source, '"F-{seq4}"'), /unknown token "\{seq4\}" at character 3; allowed: \{YYYY\}, \{YY\}, \{MM\}, \{DD\}, \{seq:N\}/);
    });

    it('a daily counter needs the date in the pattern', () => {
      const source = replaceOnce(base, 'reset: never', 'reset: daily');
      expectOneProblem(source, positionOf(source, '"F-{seq:4}"'), /a counter that resets daily needs the year/);
    });

    it('a delay that is not an expression lists the forms', () => {
      const source = replaceOnce(base, '        3d:\n', '        3days:\n');
      expectOneProblem(source, positionOf(source, '3days'), /"3days" is not a delay expression; allowed: Nm, Nh, Nd .* eobd or eobd\+N/);
    });

    it.each(['30m', '48h', '3d', '90bm', '4bh', '3bd', 'eobd', 'eobd+2'])('the delay %s is accepted', (delay) => {
      const source = replaceOnce(base, '        3d:\n', `        ${delay}:\n`);
      expect(parseWorkflowSource(source, 'fixture.yaml').ok).toBe(true);
    });

    it('working hours must end after they start', () => {
      const source = replaceOnce(base, '"14:00-18:00"', '"18:00-14:00"');
      expectOneProblem(source, positionOf(source, '"18:00-14:00"'), /interval "18:00-14:00" must end after it starts/);
    });
  });

  it('formatProblems prints file:line:column: message lines', () => {
    const problems: WorkflowProblem[] = [
      { file: 'a.yaml', line: 3, column: 7, path: 'x', message: 'first' },
      { file: 'a.yaml', line: 9, column: 1, path: 'y', message: 'second' },
    ];
    expect(formatProblems(problems)).toBe('a.yaml:3:7: first\na.yaml:9:1: second');
  });
});
