import type { FastifyInstance } from 'fastify';
import { actorOf } from '../../core/http/context.ts';
import { downloadRoute, route, uploadRoute } from '../../core/http/route.ts';
import { exportFile, removeExport, startExport } from './export-job.ts';
import { importUpload, previewUpload, rejectedRowsFile, rosterUpload } from './import.ts';
import { rosterTemplate } from './import-template.ts';
import { memberEndpoints } from './schema.ts';
import * as service from './service.ts';
import * as transfers from './transfers.ts';

export function memberRoutes(app: FastifyInstance): void {
  const { platform } = app;
  const { db, cipher } = platform;
  route(app, memberEndpoints.list, async (request) => service.listMembers(actorOf(request), db, cipher, request.query));
  route(app, memberEndpoints.create, async (request) => service.createMember(actorOf(request), db, cipher, request.body, platform.config));
  route(app, memberEndpoints.get, async (request) => service.getMember(actorOf(request), db, cipher, request.params.membershipId));
  route(app, memberEndpoints.update, async (request) => service.updateMember(actorOf(request), db, cipher, request.params.membershipId, request.body));
  route(app, memberEndpoints.end, async (request) => service.endMembership(actorOf(request), db, cipher, request.params.membershipId, request.body.endedOn, request.body.reason));
  route(app, memberEndpoints.reveal, async (request) => service.reveal(actorOf(request), db, cipher, request.params.membershipId, request.body.field));
  route(app, memberEndpoints.requestTransfer, async (request) =>
    transfers.requestTransfer(actorOf(request), db, cipher, request.params.membershipId, request.body.toOrgCode, request.body.requestedOn),
  );
  route(app, memberEndpoints.transferDestinations, async (request) => transfers.transferDestinations(actorOf(request), db, request.query.q));
  route(app, memberEndpoints.transfers, async (request) => transfers.listTransfers(actorOf(request), db, cipher, request.query));
  route(app, memberEndpoints.acceptTransfer, async (request) => transfers.acceptTransfer(actorOf(request), db, cipher, request.params.transferId, request.body.decidedOn));
  route(app, memberEndpoints.rejectTransfer, async (request) => transfers.rejectTransfer(actorOf(request), db, cipher, request.params.transferId, request.body.decidedOn));
  route(app, memberEndpoints.cancelTransfer, async (request) => transfers.cancelTransfer(actorOf(request), db, cipher, request.params.transferId));
  uploadRoute(app, memberEndpoints.import, rosterUpload, async (request, upload) => importUpload(actorOf(request), platform, request.query.intoOrgCode, upload, request.query.columns));
  uploadRoute(app, memberEndpoints.importPreview, rosterUpload, async (request, upload) => previewUpload(actorOf(request), platform, upload));
  downloadRoute(app, memberEndpoints.importTemplate, async (request) => rosterTemplate(actorOf(request)));
  downloadRoute(app, memberEndpoints.importRejected, async (request) => rejectedRowsFile(actorOf(request), platform, request.params.jobId));
  downloadRoute(app, memberEndpoints.export, async (request) => service.exportRoster(actorOf(request), db, cipher, request.query));
  route(app, memberEndpoints.startExport, async (request) => startExport(actorOf(request), platform, request.body));
  downloadRoute(app, memberEndpoints.exportFile, async (request) => exportFile(actorOf(request), platform, request.params.jobId));
  route(app, memberEndpoints.removeExport, async (request) => removeExport(actorOf(request), platform, request.params.jobId));
}
