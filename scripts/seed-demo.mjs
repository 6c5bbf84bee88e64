// Creates the demo cooperative once (made-up members and transactions) and writes .local/demo.json.
// Run by run.sh after the LocalHost answers; safe to run again: it reuses the cooperative in demo.json if the API knows it.
import { readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const baseUrl = process.env.KOPERASI_BASE_URL ?? 'http://localhost:7071';
const demoFile = join(root, '.local', 'demo.json');
const settings = JSON.parse(readFileSync(join(root, existsSync(join(root, 'local.settings.json')) ? 'local.settings.json' : 'local.settings.sample.json'), 'utf8'));
const platformAdminKey = process.env.Platform__AdminKey ?? settings.Values['Platform__AdminKey'];

async function call(method, path, key, body) {
  const response = await fetch(baseUrl + path, {
    method,
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

async function existingDemo() {
  if (!existsSync(demoFile)) return null;
  const demo = JSON.parse(readFileSync(demoFile, 'utf8'));
  const check = await call('GET', '/api/cooperative', demo.apiKey);
  return check.status === 200 ? demo : null;
}

let demo = await existingDemo();
if (!demo) {
  const created = await call('POST', '/api/cooperatives', platformAdminKey, {
    name: 'Koperasi Simpan Pinjam Maju Bersama (demo)', timeZone: 'Asia/Makassar', simpananPokokAmount: 100000, simpananWajibAmount: 50000,
  });
  if (created.status !== 201) throw new Error(`creating the demo cooperative failed: ${created.status} ${JSON.stringify(created.body)}`);
  demo = { baseUrl, cooperativeId: created.body.id, apiKey: created.body.adminApiKey, platformAdminKey };
  const members = [
    { id: 'A-001', name: 'Siti Rahayu', email: 'siti.rahayu@example.test', phone: '+6281200000001', joinedAt: '2026-01-05T09:00:00+08:00' },
    { id: 'A-002', name: 'Budi Santoso', email: 'budi.santoso@example.test', joinedAt: '2026-02-10T09:00:00+08:00' },
    { id: 'A-003', name: 'Ni Made Ayu Wiratni', email: 'made.ayu@example.test', joinedAt: '2026-03-15T09:00:00+08:00' },
    { id: 'A-004', name: 'Yohanes Pardede', joinedAt: '2026-04-20T09:00:00+08:00' },
  ];
  for (const m of members) {
    const r = await call('POST', '/api/members', demo.apiKey, m);
    if (r.status !== 201 && r.status !== 409) throw new Error(`creating member ${m.id} failed: ${r.status}`);
  }
  const tx = (id, memberId, kind, account, amount, occurredAt, reference) => ({ id, memberId, kind, account, amount, occurredAt, reference });
  const batch = [];
  for (const m of members) {
    batch.push(tx(`demo-${m.id}-pokok`, m.id, 'deposit', 'simpanan_pokok', 100000, '2026-09-01T09:00:00+08:00', 'Simpanan pokok'));
    batch.push(tx(`demo-${m.id}-wajib-09`, m.id, 'deposit', 'simpanan_wajib', 50000, '2026-09-25T10:00:00+08:00', 'Wajib September'));
    batch.push(tx(`demo-${m.id}-wajib-10`, m.id, 'deposit', 'simpanan_wajib', 50000, '2026-10-25T10:00:00+08:00', 'Wajib Oktober'));
  }
  batch.push(tx('demo-A-001-sukarela-1', 'A-001', 'deposit', 'simpanan_sukarela', 250000, '2026-10-03T14:15:00+08:00', 'Setoran tunai'));
  batch.push(tx('demo-A-001-sukarela-3', 'A-001', 'deposit', 'simpanan_sukarela', 1250000, '2026-10-31T23:30:00+08:00', 'Transfer gaji'));
  batch.push(tx('demo-A-002-sukarela-1', 'A-002', 'deposit', 'simpanan_sukarela', 500000, '2026-10-12T08:05:00+08:00', 'Setoran tunai'));
  batch.push(tx('demo-A-001-wajib-11', 'A-001', 'deposit', 'simpanan_wajib', 50000, '2026-11-01T00:30:00+08:00', 'Wajib November'));
  // The queue does not keep order: the withdrawal goes in a second batch, once the deposits are posted, or it
  // could arrive first and be rejected for insufficient balance. Statements must see every October posting, so
  // both batches are waited for until none is still queued before the run closes October.
  const withdrawals = [tx('demo-A-001-sukarela-2', 'A-001', 'withdrawal', 'simpanan_sukarela', 75000, '2026-10-17T11:40:00+08:00', 'Tarik tunai')];
  for (const items of [batch, withdrawals]) {
    const r = await call('POST', '/api/transactions', demo.apiKey, items);
    if (r.status !== 202) throw new Error(`posting demo transactions failed: ${r.status} ${JSON.stringify(r.body)}`);
    for (const t of items) {
      for (let i = 0; ; i++) {
        const s = await call('GET', `/api/transactions/${encodeURIComponent(t.id)}`, demo.apiKey);
        if (s.status === 200 && s.body.status !== 'queued') break;
        if (i >= 600) throw new Error(`demo transaction ${t.id} is still queued`);
        await new Promise((done) => setTimeout(done, 100));
      }
    }
  }
  // Moving in from Excel: members, their opening balances (saldo awal, cut-over 31 August 2026) and their running
  // loans (of the product UMUM, which takes them: admin fee, rounding and denda) from sample files.
  const product = await call('PUT', '/api/loan-products/UMUM', demo.apiKey, {
    name: 'Pinjaman Umum', interestMethod: 'flat', monthlyRateBps: 150, termMonthsMin: 3, termMonthsMax: 24, principalMin: 1000000,
    principalMax: 50000000, adminFeeBps: 100, roundTo: 1, penaltyBpsPerDay: 10, penaltyGraceDays: 2, maxActiveLoansPerMember: 1,
  });
  if (product.status !== 200) throw new Error(`creating the loan product failed: ${product.status} ${JSON.stringify(product.body)}`);
  for (const [path, file] of [['/api/imports/members', 'anggota.csv'], ['/api/imports/opening-balances?asOf=2026-08-31', 'saldo-awal.csv'],
    ['/api/imports/loans?asOf=2026-08-31', 'pinjaman.csv']]) {
    const response = await fetch(baseUrl + path, {
      method: 'POST', headers: { 'content-type': 'text/csv', authorization: `Bearer ${demo.apiKey}` }, body: readFileSync(join(root, 'scripts', 'sample', file)),
    });
    const started = await response.json();
    if (response.status !== 202) throw new Error(`importing ${file} failed: ${response.status} ${JSON.stringify(started)}`);
    for (let i = 0; ; i++) {
      const s = await call('GET', `/api/imports/${started.id}`, demo.apiKey);
      if (s.status === 200 && s.body.status === 'completed') break;
      if (i >= 600) throw new Error(`importing ${file} did not complete: ${JSON.stringify(s.body)}`);
      await new Promise((done) => setTimeout(done, 100));
    }
  }
  mkdirSync(dirname(demoFile), { recursive: true });
  writeFileSync(demoFile, JSON.stringify(demo, null, 2) + '\n');
}
// October's statements go to the local outbox (.local/outbox/<cooperative>/2026-10/*.eml). Safe to repeat: a run
// never sends a statement twice.
const run = await call('POST', '/api/statements/2026-10/run', demo.apiKey);
if (run.status !== 202) throw new Error(`starting the October statement run failed: ${run.status} ${JSON.stringify(run.body)}`);
console.log(JSON.stringify(demo));
