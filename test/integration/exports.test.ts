import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ICAL from 'ical.js';
import * as vscode from 'vscode';
import type { ExportResult } from '../../src/exports/exportCommands';
import { calendarUid } from '../../src/renewal';
import { admin } from './support/sandbox';
import { servicesSuite } from './support/servicesSuite';
import { loadTree } from './support/servicesTree';

interface RequestLog {
  counts: Record<string, number>;
}

suite('Export Expiry Calendar and Export Services as CSV (real extension host + sandbox)', function () {
  this.timeout(90_000);
  const s = servicesSuite({ anchorNow: false });
  let dir: string;
  const asked: vscode.SaveDialogOptions[] = [];

  setup(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ovhcloud-export-'));
    asked.length = 0;
  });
  teardown(() => {
    s.testing.setSaveDialog(undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const answerSave = (file: string | undefined): void =>
    s.testing.setSaveDialog(async (options) => {
      asked.push(options);
      return file === undefined ? undefined : vscode.Uri.file(file);
    });

  test('the calendar has one event per service with an expiry, stable UIDs, two alarms, and costs no request per service', async () => {
    await loadTree(s.view);
    await admin('DELETE', 'requests');
    const file = path.join(dir, 'expiries.ics');
    answerSave(file);
    const result = await vscode.commands.executeCommand<ExportResult | undefined>('ovhcloud.exportCalendar');
    assert.equal(asked.length, 1);
    assert.deepEqual(Object.values(asked[0].filters ?? {}), [['ics']]);
    const expected = s.raw.filter((service) => service.expirationDate && service.lifecycleState !== 'terminated');
    assert.ok(expected.length > 10);
    assert.equal(result?.count, expected.length);
    const calendar = new ICAL.Component(ICAL.parse(fs.readFileSync(file, 'utf8')) as unknown[]);
    const events = calendar.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));
    assert.deepEqual(events.map((event) => event.summary).sort(), expected.map((service) => `${service.displayName} expires`).sort());
    for (const event of events) {
      const service = expected.find((candidate) => calendarUid(s.account.id, candidate.serviceId) === event.uid);
      assert.ok(service, `event ${event.uid} is one of the account's services`);
      assert.equal(event.summary, `${service.displayName} expires`);
      assert.equal(event.startDate.toString(), service.expirationDate!.slice(0, 10));
      assert.deepEqual(
        event.component.getAllSubcomponents('valarm').map((alarm) => String(alarm.getFirstPropertyValue('trigger'))),
        ['-P30D', '-P7D'],
      );
    }
    const uids = events.map((event) => event.uid);
    assert.equal(new Set(uids).size, uids.length);
    const log = await admin<RequestLog>('GET', 'requests');
    assert.deepEqual(
      Object.keys(log.counts).filter((key) => !key.includes('/auth/time')),
      [],
    );

    // A second export writes the same UIDs: a calendar re-import updates, never duplicates.
    const again = path.join(dir, 'again.ics');
    answerSave(again);
    await vscode.commands.executeCommand('ovhcloud.exportCalendar');
    const second = new ICAL.Component(ICAL.parse(fs.readFileSync(again, 'utf8')) as unknown[]);
    assert.deepEqual(
      second.getAllSubcomponents('vevent').map((c) => String(c.getFirstPropertyValue('uid'))),
      uids,
    );
  });

  test('the CSV has a header and one row per service, non-ASCII names intact', async () => {
    await loadTree(s.view);
    const file = path.join(dir, 'services.csv');
    answerSave(file);
    const result = await vscode.commands.executeCommand<ExportResult | undefined>('ovhcloud.exportCsv');
    assert.equal(result?.count, s.raw.length);
    const text = fs.readFileSync(file, 'utf8');
    assert.ok(text.startsWith('\uFEFFType,Name,Service id,Expiry,Renewal,Period,Price,Currency\r\n'));
    const lines = text.slice(1).trimEnd().split('\r\n');
    assert.equal(lines.length, s.raw.length + 1);
    const munich = s.raw.find((service) => service.displayName.includes('München'));
    assert.ok(munich, 'the sandbox has a non-ASCII name');
    assert.ok(lines.some((line) => line.includes(munich.displayName) && line.includes(String(munich.serviceId))));
  });

  test('cancelling the save dialog writes nothing', async () => {
    await loadTree(s.view);
    answerSave(undefined);
    assert.equal(await vscode.commands.executeCommand('ovhcloud.exportCsv'), undefined);
    assert.equal(await vscode.commands.executeCommand('ovhcloud.exportCalendar'), undefined);
    assert.equal(asked.length, 2);
    assert.deepEqual(fs.readdirSync(dir), []);
  });
});
