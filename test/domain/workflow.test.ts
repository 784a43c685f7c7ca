/** The workflow table answers what a UI must offer each role, in each status, as the services enforce it. */
import { describe, expect, it } from 'vitest';
import { availableActions, RECTIFICATION_WORKFLOW, rectificationSide } from '../../server/domain/workflow.js';

describe('assessment workflow', () => {
  it('lets the enterprise fill in and submit only its own self-assessment', () => {
    expect(availableActions('enterprise', { kind: 'self', status: 'draft' })).toEqual(['edit', 'submit']);
    expect(availableActions('enterprise', { kind: 'field', status: 'draft' })).toEqual([]);
    expect(availableActions('enterprise', { kind: 'self', status: 'submitted' })).toEqual(['reopen']);
    expect(availableActions('enterprise', { kind: 'self', status: 'reviewed' })).toEqual([]);
  });

  it('lets diagnosticians fill in field work and review, but not issue', () => {
    expect(availableActions('diagnostician', { kind: 'field', status: 'draft' })).toEqual(['edit', 'submit']);
    expect(availableActions('diagnostician', { kind: 'self', status: 'draft' })).toEqual([]);
    expect(availableActions('diagnostician', { kind: 'field', status: 'submitted' })).toEqual(['review', 'reopen']);
    expect(availableActions('diagnostician', { kind: 'field', status: 'reviewed' })).toEqual([]);
  });

  it('lets district officers review, issue and reopen, never fill in', () => {
    expect(availableActions('district', { kind: 'field', status: 'draft' })).toEqual([]);
    expect(availableActions('district', { kind: 'self', status: 'submitted' })).toEqual(['review', 'reopen']);
    expect(availableActions('district', { kind: 'field', status: 'reviewed' })).toEqual(['issue']);
    expect(availableActions('district', { kind: 'field', status: 'issued' })).toEqual([]);
  });
});

describe('rectification workflow', () => {
  it('has the enterprise do the work and a confirmer accept or send back with a note', () => {
    expect(rectificationSide('enterprise')).toBe('enterprise');
    expect(rectificationSide('district')).toBe('confirmer');
    expect(RECTIFICATION_WORKFLOW.open.in_progress).toEqual({ side: 'enterprise', noteRequired: false });
    expect(RECTIFICATION_WORKFLOW.in_progress.rectified).toEqual({ side: 'enterprise', noteRequired: true });
    expect(RECTIFICATION_WORKFLOW.rectified.in_progress).toEqual({ side: 'confirmer', noteRequired: true });
    expect(RECTIFICATION_WORKFLOW.accepted).toEqual({});
  });
});
