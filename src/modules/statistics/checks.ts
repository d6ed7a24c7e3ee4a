import { recordOf, type ModuleChecks } from '../../core/checks.ts';

/** The statistics module's part of the platform's own tests (src/core/checks.ts). It makes no records of its own. */
export const statisticsChecks: ModuleChecks = {
  probes: {
    'GET /api/v1/indicators': { target: () => ({}) },
    'GET /api/v1/indicators/{code}': { target: (o) => ({ params: { code: 'org.members' }, query: { org: recordOf(o, 'union').code!, year: '2013' } }) },
    'GET /api/v1/statistics/overview': { target: (o) => ({ query: { org: o.countyCode } }) },
    'GET /api/v1/statistics/children': { target: (o) => ({ query: { org: recordOf(o, 'township').code!, indicator: 'org.members' } }) },
    'GET /api/v1/statistics/return': { target: (o) => ({ query: { org: o.countyCode } }) },
    // The plan is the province's: a county's admin reads it and may not change it.
    'GET /api/v1/plans': { target: () => ({}) },
    'POST /api/v1/plans': { target: () => ({ body: { code: 'intruder', name: '越权规划', fromYear: 2019, toYear: 2023 } }) },
    'POST /api/v1/plans/load': { target: () => ({ body: { code: '2013-2018', name: '越权规划', fromYear: 2013, toYear: 2018, baselineFromYear: 2008, baselineToYear: 2012, file: { targets: [{ code: 'org.members', op: '>=', value: 1 }] } } }) },
    'POST /api/v1/plans/read': { target: () => ({ file: { name: 'plan.xlsx', content: 'PK\u0003\u0004 not a workbook' } }) },
    'GET /api/v1/plans/template': { target: () => ({}) },
    // The plan is the province's, read by everyone (as GET /plans): its workbook belongs to no county.
    'GET /api/v1/plans/{planId}/workbook': { target: () => ({ params: { planId: 1 } }), self: true },
    'POST /api/v1/plans/{planId}/targets': { target: () => ({ params: { planId: 1 }, body: { indicator: 'org.members', comparison: '>=', value: 1, mode: 'by', year: 2018 } }) },
    'PATCH /api/v1/plans/{planId}/targets/{targetId}': { target: () => ({ params: { planId: 1, targetId: 1 }, body: { year: 2018 } }) },
    'DELETE /api/v1/plans/{planId}/targets/{targetId}': { target: () => ({ params: { planId: 1, targetId: 1 } }) },
  },
  // The report's plan, loaded at the first start, is plan 1 with its targets.
  ownTargets: () => ({ planId: 1, targetId: 1, code: 'org.members' }),
};
