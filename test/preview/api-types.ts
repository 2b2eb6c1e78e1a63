// The preview API's answers as the tests read them: one shape per route, with every outcome's fields present (the
// tests check `outcome` first). The server's own types are unions; these keep the tests short.
import type { CleverTapSide } from '../../preview/clevertap-side';
import type { PageAction, PageField } from '../../preview/definition';
import type { OutputRow } from '../../preview/output';
import type { ShownError } from '../../preview/steps';

export interface StepAnswer {
  step: {
    outcome: 'output' | 'noResult' | 'missing' | 'error';
    handedOver: Record<string, unknown>;
    rows: OutputRow[];
    output: Record<string, unknown>;
    missing: string[];
    error: ShownError;
  };
  cleverTap: CleverTapSide;
  timezone: string;
}

export interface ConnectionAnswer {
  outcome: 'connected' | 'error';
  label: string;
  error: ShownError;
}

export interface FieldsAnswer {
  fields: PageField[];
}

export interface DefinitionAnswer {
  actions: Array<PageAction & { samples: unknown[] }>;
  timezones: string[];
}

export interface SandboxAnswer {
  sandbox: { running: boolean; url?: string };
}
