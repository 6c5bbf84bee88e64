// The treasurer's page: Bahasa Indonesia, phone first, works offline. No dependencies, no inline script (the CSP
// forbids it), no innerHTML: every screen is built with el(), so text from the API is never read as markup.
// The API key lives in sessionStorage, or in localStorage only when "Ingat di perangkat ini" is ticked; it is sent
// only in the Authorization header, never in a URL, and never written to the outbox or the console.
'use strict';

(() => {
  const KEY = 'koperasi.key';
  const SESSION = 'koperasi.session';
  const ROLES = { reader: 1, teller: 2, admin: 3 };
  const ACCOUNTS = { simpanan_pokok: 'Simpanan pokok', simpanan_wajib: 'Simpanan wajib', simpanan_sukarela: 'Simpanan sukarela' };
  const BOOKS = Object.assign({ piutang_pinjaman: 'Piutang pinjaman' }, ACCOUNTS); // what a member's ledger line may name
  const KINDS = { deposit: 'Setoran', withdrawal: 'Penarikan', reversal: 'Koreksi', loan_repayment: 'Angsuran pinjaman', loan_disbursement: 'Pencairan pinjaman', loan_write_off: 'Hapus buku pinjaman' };
  const LOAN_STATUS = { submitted: 'Diajukan', approved: 'Disetujui', rejected: 'Ditolak', active: 'Aktif', closed: 'Lunas', written_off: 'Dihapus buku' };
  const BUCKETS = { current: 'Lancar', '1-30': '1–30 hari', '31-90': '31–90 hari', '91-180': '91–180 hari', 'over-180': 'Lebih dari 180 hari' };
  const REASONS = {
    insufficient_balance: 'Saldo tidak cukup untuk penarikan ini.',
    not_withdrawable: 'Simpanan ini tidak dapat ditarik; hanya simpanan sukarela yang dapat ditarik.',
    pokok_already_paid: 'Simpanan pokok sudah dibayar; simpanan pokok dibayar sekali saja.',
    pokok_amount_mismatch: 'Jumlah simpanan pokok tidak sesuai ketentuan koperasi.',
    invalid_posting: 'Transaksi tidak sah.',
    unknown_member: 'Nomor anggota tidak terdaftar.',
    invalid: 'Data transaksi tidak sah.',
    conflict: 'Nomor transaksi ini sudah dipakai untuk transaksi lain.',
    overpayment: 'Melebihi sisa pinjaman.',
    unknown_loan: 'Pinjaman ini tidak terdaftar untuk anggota ini.',
    loan_not_active: 'Pinjaman ini tidak aktif (belum dicairkan, sudah lunas, atau ditolak).',
    repayment_before_disbursement: 'Tanggal angsuran sebelum tanggal pencairan pinjaman.',
    failed: 'Gagal diproses; ulangi dari menu Kegagalan.',
  };
  const LOAN_REASONS = ['overpayment', 'unknown_loan', 'loan_not_active', 'repayment_before_disbursement']; // shown with the server's figures
  const FIELDS = { id: 'Nomor transaksi', memberId: 'Nomor anggota', kind: 'Jenis', account: 'Simpanan', loanId: 'Pinjaman', amount: 'Jumlah', occurredAt: 'Waktu', description: 'Keterangan', name: 'Nama', email: 'Email', phone: 'Telepon' };

  const state = { key: null, session: null, online: navigator.onLine, syncing: false, timer: 0, watch: 0 };
  const main = document.getElementById('main');
  const nav = document.getElementById('nav');

  // ---- DOM -------------------------------------------------------------------------------------------------
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === false || value === null || value === undefined) continue;
      if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
      else if (name === 'class') node.className = value;
      else node.setAttribute(name, value === true ? '' : String(value));
    }
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }
  function show(title, ...content) {
    clearInterval(state.watch);
    main.replaceChildren(el('h1', {}, title), ...content);
    document.title = title + ' · Koperasi';
    main.focus({ preventScroll: true });
  }
  function say(box, text, error) { box.replaceChildren(text); box.className = error ? 'message error' : 'message'; box.setAttribute('role', error ? 'alert' : 'status'); }
  function message(text, error) { return el('div', { class: error ? 'message error' : 'message', role: error ? 'alert' : 'status' }, text || ''); }
  function field(id, label, input, hint) {
    input.id = id;
    return el('div', { class: 'field' }, el('label', { for: id }, label), input, hint ? el('div', { class: 'muted', id: id + '-hint' }, hint) : null);
  }
  function select(options, value) {
    return el('select', {}, Object.entries(options).map(([v, text]) => el('option', { value: v, selected: v === value }, text)));
  }

  // ---- Formats ---------------------------------------------------------------------------------------------
  const numbers = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 });
  function rupiah(n) { return (n < 0 ? '-' : '') + 'Rp' + numbers.format(Math.abs(n)); }
  function parseRupiah(text) {
    const t = String(text).trim().replace(/^rp\.?\s*/i, '').replace(/\s+/g, '');
    if (!/^(\d{1,3}(\.\d{3})+|\d+)$/.test(t)) return null;
    const n = Number(t.replace(/\./g, ''));
    return Number.isSafeInteger(n) && n > 0 ? n : null;
  }
  function zone() { return (state.session && state.session.cooperative.timeZone) || 'Asia/Jakarta'; }
  function dateTime(iso) {
    return new Intl.DateTimeFormat('id-ID', { timeZone: zone(), day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
  }
  function day(date) { // a calendar date (YYYY-MM-DD) already in the cooperative's zone
    return new Intl.DateTimeFormat('id-ID', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(date + 'T00:00:00Z'));
  }
  function today() { return new Intl.DateTimeFormat('en-CA', { timeZone: zone(), year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date()); }
  function lastMonth() {
    const [y, m] = today().split('-').map(Number);
    return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  }
  function may(role) { return !!state.session && ROLES[state.session.role] >= ROLES[role]; }

  // ---- API -------------------------------------------------------------------------------------------------
  class Offline extends Error {}
  async function api(method, path, body) {
    const headers = { Accept: 'application/json', Authorization: 'Bearer ' + state.key };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response;
    try {
      response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store', credentials: 'omit' });
    } catch (e) {
      setOnline(false);
      throw new Offline('offline');
    }
    setOnline(true);
    const text = await response.text();
    let data = null;
    try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
    if (response.status === 401 && state.session) signOut('Kunci API tidak berlaku lagi. Masuk kembali.');
    return { status: response.status, ok: response.ok, data };
  }
  function problemText(result) {
    if (result.status === 403) return 'Kunci ini tidak berhak melakukan ini.';
    if (result.status === 404) return 'Tidak ditemukan.';
    if (result.status === 503) return 'Penyimpanan sedang tidak dapat dihubungi. Coba lagi sebentar lagi.';
    const d = result.data || {};
    if (d.code && REASONS[d.code]) return REASONS[d.code];
    if (d.errors) return errorsText(d.errors);
    return 'Permintaan gagal (' + result.status + (d.code ? ', ' + d.code : '') + ').';
  }
  function errorsText(errors) {
    return Object.entries(errors || {}).map(([name, list]) => {
      const key = name.replace(/^\[\d+\]\./, '');
      if (key === 'memberId' && list.some((m) => /no member/.test(m))) return REASONS.unknown_member;
      return (FIELDS[key] || key) + ' tidak sah.';
    }).join(' ') || REASONS.invalid;
  }
  function rejectionText(reason, status) {
    const code = (reason && reason.code) || status;
    if (!REASONS[code]) return 'Ditolak (' + code + ').';
    return LOAN_REASONS.includes(code) && reason.message ? REASONS[code] + ' ' + reason.message : REASONS[code];
  }
  function setOnline(online) {
    state.online = online;
    const net = document.getElementById('net');
    net.textContent = online ? '' : 'Tanpa sambungan';
    net.className = online ? 'net' : 'net off';
  }
  async function guarded(target, work) {
    try {
      await work();
    } catch (e) {
      if (!(e instanceof Offline)) throw e;
      target.replaceChildren(message('Tidak ada sambungan internet. Data ini tampil lagi setelah tersambung.', true));
    }
  }

  // ---- Outbox (IndexedDB) ----------------------------------------------------------------------------------
  let database = null;
  function db() {
    if (database) return database;
    database = new Promise((resolve, reject) => {
      const open = indexedDB.open('koperasi', 1);
      open.onupgradeneeded = () => {
        const store = open.result.createObjectStore('outbox', { keyPath: 'id' });
        store.createIndex('cooperativeId', 'cooperativeId');
      };
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    return database;
  }
  async function tx(mode, work) {
    const d = await db();
    return new Promise((resolve, reject) => {
      const t = d.transaction('outbox', mode);
      const result = work(t.objectStore('outbox'));
      t.oncomplete = () => resolve(result && 'result' in result ? result.result : undefined);
      t.onerror = () => reject(t.error);
    });
  }
  const outbox = {
    put: (item) => tx('readwrite', (s) => s.put(item)),
    all: async () => {
      const items = (await tx('readonly', (s) => s.index('cooperativeId').getAll(state.session.cooperative.id))) || [];
      return items.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    },
  };
  function newId() {
    const bytes = crypto.getRandomValues(new Uint8Array(12));
    return 'web-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  }

  // Sends what waits (one batch, the same ids every time, so a resend after a lost answer posts once), then asks
  // for the status of what the API accepted until the ledger has handled it.
  async function sync() {
    if (state.syncing || !state.session) return;
    state.syncing = true;
    let changed = false;
    try {
      const items = await outbox.all();
      const waiting = items.filter((i) => i.state === 'pending').reverse().slice(0, 500);
      if (waiting.length > 0) {
        const body = waiting.map((i) => ({ id: i.id, memberId: i.memberId, kind: i.kind, account: i.account || undefined, loanId: i.loanId || undefined,
          amount: i.amount, occurredAt: i.occurredAt, description: i.description || undefined }));
        const result = await api('POST', '/api/transactions', body);
        if (result.status === 202) {
          for (const [n, r] of result.data.results.entries()) {
            const item = waiting[n];
            item.accepted = r.status === 'queued';
            if (r.status === 'queued') item.state = 'sent';
            else if (r.status === 'conflict') { item.state = 'rejected'; item.reason = REASONS.conflict; }
            else { item.state = 'rejected'; item.reason = errorsText(r.errors); }
            await outbox.put(item);
          }
          changed = true;
        }
      }
      for (const item of items.filter((i) => i.state === 'sent')) {
        const result = await api('GET', '/api/transactions/' + encodeURIComponent(item.id));
        if (!result.ok || result.data.status === 'queued') continue;
        const s = result.data;
        item.state = s.status === 'posted' ? 'posted' : 'rejected';
        item.reason = s.status === 'posted' ? null : s.status === 'failed' ? REASONS.failed : rejectionText(s.reason, s.status);
        if (s.balancesAfter) item.balanceAfter = s.balancesAfter[item.loanId ? 'piutang_pinjaman' : item.account];
        await outbox.put(item);
        changed = true;
      }
    } catch (e) {
      if (!(e instanceof Offline)) throw e;
    } finally {
      state.syncing = false;
    }
    if (changed) document.dispatchEvent(new Event('outbox'));
    schedule();
  }
  async function schedule() {
    clearTimeout(state.timer);
    if (!state.session) return;
    const open = (await outbox.all()).some((i) => i.state === 'pending' || i.state === 'sent');
    state.timer = setTimeout(sync, open ? (state.online ? 1000 : 5000) : 30000);
  }
  window.addEventListener('online', () => { setOnline(true); sync(); });
  window.addEventListener('offline', () => setOnline(false));

  // ---- Sign-in ---------------------------------------------------------------------------------------------
  function stored(name) { return localStorage.getItem(name) || sessionStorage.getItem(name); }
  function keep(name, value, remember) {
    (remember ? localStorage : sessionStorage).setItem(name, value);
    (remember ? sessionStorage : localStorage).removeItem(name);
  }
  function signOut(text) {
    for (const s of [localStorage, sessionStorage]) { s.removeItem(KEY); s.removeItem(SESSION); }
    state.key = null; state.session = null;
    clearTimeout(state.timer);
    nav.hidden = true;
    document.getElementById('brand').textContent = 'Koperasi';
    state.notice = text || null;
    if (location.hash !== '#/masuk') location.hash = '#/masuk';
    else screens.masuk();
  }

  const screens = {
    masuk(notice) {
      const input = el('input', { type: 'password', autocomplete: 'current-password', required: true, spellcheck: 'false' });
      const remember = el('input', { type: 'checkbox', id: 'ingat' });
      const status = message(notice || state.notice || '', !!(notice || state.notice));
      state.notice = null;
      const form = el('form', { novalidate: true, onsubmit: async (e) => {
        e.preventDefault();
        const key = input.value.trim();
        if (!key) { say(status, 'Isi Kunci API.', true); return; }
        state.key = key;
        let result;
        try { result = await api('GET', '/api/session'); } catch (err) {
          state.key = null;
          say(status, 'Tidak ada sambungan. Masuk pertama kali perlu internet.', true); return;
        }
        if (!result.ok) {
          state.key = null;
          say(status, result.status === 401 ? 'Kunci API tidak dikenal.' : problemText(result), true); return;
        }
        keep(KEY, key, remember.checked);
        keep(SESSION, JSON.stringify(result.data), remember.checked);
        state.session = result.data;
        input.value = '';
        start();
        location.hash = '#/beranda';
      } },
      field('kunci', 'Kunci API', input, 'Kunci dari pengurus koperasi. Hanya disimpan di peramban ini.'),
      el('div', { class: 'field' }, el('label', { class: 'check', for: 'ingat' }, remember, 'Ingat di perangkat ini')),
      el('div', { class: 'actions' }, el('button', { type: 'submit' }, 'Masuk')), status);
      input.setAttribute('aria-describedby', 'kunci-hint');
      show('Masuk', el('p', {}, 'Masuk dengan Kunci API koperasi Anda.'), form);
    },

    async beranda() {
      const device = el('div', { class: 'card' });
      const totals = el('div', { class: 'card' }, el('h2', {}, 'Total simpanan'), el('p', { class: 'muted' }, 'Memuat…'));
      const loans = el('div', { class: 'card', hidden: true });
      const review = el('div', { class: 'card' }, el('h2', {}, 'Perlu ditangani'), el('p', { class: 'muted' }, 'Memuat…'));
      const run = el('div', { class: 'card' }, el('h2', {}, 'Laporan bulanan'), el('p', { class: 'muted' }, 'Memuat…'));
      show('Beranda', el('p', { class: 'muted' }, state.session.cooperative.name + ' · ' + day(today())), device, totals, loans, review, run);

      const items = (await outbox.all()).filter((i) => dateIn(i.createdAt) === today());
      const count = (f) => items.filter(f).length;
      device.replaceChildren(el('h2', {}, 'Transaksi hari ini'), el('p', { class: 'muted' }, 'Dicatat dari perangkat ini.'),
        el('dl', { class: 'pairs' },
          el('dt', {}, 'Diterima'), el('dd', { 'data-count': 'accepted' }, count((i) => i.state === 'sent' || i.state === 'posted' || (i.state === 'rejected' && i.accepted))),
          el('dt', {}, 'Tercatat'), el('dd', { 'data-count': 'posted' }, count((i) => i.state === 'posted')),
          el('dt', {}, 'Ditolak'), el('dd', { 'data-count': 'rejected' }, count((i) => i.state === 'rejected')),
          el('dt', {}, 'Menunggu sinkron'), el('dd', { 'data-count': 'pending' }, count((i) => i.state === 'pending'))));

      await guarded(totals, async () => {
        const tb = await api('GET', '/api/ledger/trial-balance');
        if (!tb.ok) { totals.replaceChildren(el('h2', {}, 'Total simpanan'), message(problemText(tb), true)); return; }
        const rows = Object.keys(ACCOUNTS).map((code) => {
          const a = tb.data.accounts.find((x) => x.code === code);
          return [ACCOUNTS[code], a ? a.balance : 0];
        });
        totals.replaceChildren(el('h2', {}, 'Total simpanan'), el('p', { class: 'figure', 'data-total': 'savings' }, rupiah(rows.reduce((s, r) => s + r[1], 0))),
          el('dl', { class: 'pairs' }, rows.map(([name, amount]) => [el('dt', {}, name), el('dd', {}, rupiah(amount))])));
      });
      await guarded(loans, async () => {
        const r = await api('GET', '/api/loans/arrears');
        if (!r.ok || r.data.loans === 0) return;
        const a = r.data;
        const late = a.buckets.filter((b) => b.bucket !== 'current').reduce((n, b) => n + b.loans, 0);
        loans.hidden = false;
        loans.replaceChildren(el('h2', {}, 'Pinjaman beredar dan tunggakan'), el('p', { class: 'muted' }, 'Per ' + day(a.asOf)),
          el('dl', { class: 'pairs' },
            el('dt', {}, 'Pinjaman aktif'), el('dd', { 'data-loans': 'active' }, a.loans),
            el('dt', {}, 'Sisa pokok beredar'), el('dd', { 'data-loans': 'outstanding' }, rupiah(a.outstandingPrincipal)),
            el('dt', {}, 'Pinjaman menunggak'), el('dd', { 'data-loans': 'late' }, late),
            el('dt', {}, 'Tunggakan (pokok + jasa)'), el('dd', { 'data-loans': 'overdue' }, rupiah(a.overdue))),
          el('h3', {}, 'Menurut lama tunggakan'),
          el('ul', { class: 'list' }, a.buckets.map((b) => el('li', { 'data-bucket': b.bucket },
            el('div', { class: 'row' }, el('span', {}, BUCKETS[b.bucket] || b.bucket), el('span', { class: 'badge', 'data-figure': 'loans' }, b.loans + ' pinjaman')),
            el('div', { class: 'row muted' }, el('span', { 'data-figure': 'outstanding' }, 'Sisa pokok ' + rupiah(b.outstandingPrincipal)),
              el('span', { 'data-figure': 'overdue' }, 'Tunggakan ' + rupiah(b.overdue)), el('span', { 'data-figure': 'penalty' }, 'Denda ' + rupiah(b.penaltyDue)))))));
      });
      await guarded(review, async () => {
        const [unmatched, failures] = await Promise.all([api('GET', '/api/payments/unmatched?limit=100'), api('GET', '/api/failures?limit=100')]);
        const open = failures.ok ? failures.data.items.filter((f) => f.status !== 'replayed') : [];
        review.replaceChildren(el('h2', {}, 'Perlu ditangani'), el('dl', { class: 'pairs' },
          el('dt', {}, el('a', { href: '#/pembayaran' }, 'Pembayaran tak dikenal')), el('dd', { 'data-count': 'unmatched' }, unmatched.ok ? unmatched.data.items.length + (unmatched.data.continuationToken ? '+' : '') : '–'),
          el('dt', {}, el('a', { href: '#/kegagalan' }, 'Kegagalan')), el('dd', { 'data-count': 'failures' }, failures.ok ? open.length + (failures.data.continuationToken ? '+' : '') : '–')));
      });
      await guarded(run, async () => {
        const period = lastMonth();
        const p = await api('GET', '/api/statements/' + period);
        run.replaceChildren(el('h2', {}, 'Laporan bulanan'), p.ok ? progress(p.data) : el('p', {}, 'Laporan ' + period + ' belum dijalankan.'),
          el('div', { class: 'actions' }, el('a', { class: 'button secondary', href: '#/laporan' }, 'Buka laporan')));
      });
    },

    anggota() {
      const query = el('input', { type: 'search', autocomplete: 'off', enterkeyhint: 'search' });
      const results = el('div', { 'aria-live': 'polite' });
      const form = el('form', { role: 'search', onsubmit: (e) => { e.preventDefault(); find(query.value.trim(), results); } },
        field('cari', 'Cari anggota (nomor atau nama)', query),
        el('div', { class: 'actions' }, el('button', { type: 'submit' }, 'Cari'), may('teller') ? el('a', { class: 'button secondary', href: '#/anggota-baru' }, 'Tambah anggota') : null));
      show('Anggota', form, results);
    },

    async anggotaDetail(id) {
      const body = el('div', {}, el('p', { class: 'muted' }, 'Memuat…'));
      show('Anggota ' + id, body);
      await guarded(body, async () => {
        const path = '/api/members/' + encodeURIComponent(id);
        const [member, balances, ledger, loans] = await Promise.all([api('GET', path), api('GET', path + '/balances'), api('GET', path + '/ledger?limit=200'), api('GET', path + '/loans?limit=100')]);
        if (!member.ok) { body.replaceChildren(message(problemText(member), true)); return; }
        const m = member.data;
        const b = balances.ok ? balances.data.balances : {};
        body.replaceChildren(
          el('div', { class: 'card' }, el('h2', {}, m.name),
            el('p', { class: 'muted' }, [m.phone, m.email].filter(Boolean).join(' · ') || 'Tanpa kontak'),
            may('teller') ? el('div', { class: 'actions' },
              el('a', { class: 'button', href: '#/transaksi?anggota=' + encodeURIComponent(m.id) }, 'Transaksi baru'),
              el('a', { class: 'button secondary', href: '#/anggota/' + encodeURIComponent(m.id) + '/ubah' }, 'Ubah')) : null),
          el('div', { class: 'card' }, el('h2', {}, 'Saldo'), el('dl', { class: 'pairs' },
            Object.entries(ACCOUNTS).map(([code, name]) => [el('dt', {}, name), el('dd', { 'data-balance': code }, rupiah(b[code] || 0))]))),
          await memberLoans(m, b, loans),
          el('h2', {}, 'Buku bulan ini'),
          ledger.ok && ledger.data.items.length > 0
            ? el('ul', { class: 'list' }, ledger.data.items.slice().reverse().map((line) => el('li', {},
              el('div', { class: 'row' }, el('span', {}, (KINDS[line.kind] || line.kind) + ' · ' + (BOOKS[line.account] || line.account)),
                el('span', { class: line.change < 0 ? 'amount neg' : 'amount' }, rupiah(line.change))),
              el('div', { class: 'row muted' }, el('span', {}, day(line.businessDate) + (line.description ? ' · ' + line.description : '')),
                el('span', {}, 'Saldo ' + rupiah(line.balances[line.account]))))))
            : el('p', { class: 'muted' }, 'Belum ada transaksi bulan ini.'));
      });
    },

    async anggotaForm(id) {
      if (!may('teller')) { show('Anggota', message('Kunci ini hanya untuk melihat.', true)); return; }
      const editing = !!id;
      const number = el('input', { type: 'text', autocomplete: 'off', required: true, maxlength: 32 });
      const name = el('input', { type: 'text', autocomplete: 'off', required: true, maxlength: 200 });
      const email = el('input', { type: 'email', autocomplete: 'off', maxlength: 254 });
      const phone = el('input', { type: 'tel', autocomplete: 'off', maxlength: 32, inputmode: 'tel' });
      const status = message('');
      let joinedAt;
      if (editing) {
        const current = await api('GET', '/api/members/' + encodeURIComponent(id)).catch(() => null);
        if (!current || !current.ok) { show('Ubah anggota', message(current ? problemText(current) : 'Tidak ada sambungan internet.', true)); return; }
        number.value = current.data.id; number.readOnly = true;
        name.value = current.data.name; email.value = current.data.email || ''; phone.value = current.data.phone || '';
        joinedAt = current.data.joinedAt;
      }
      const form = el('form', { novalidate: true, onsubmit: async (e) => {
        e.preventDefault();
        const details = { name: name.value.trim(), email: email.value.trim() || undefined, phone: phone.value.trim() || undefined, joinedAt };
        try {
          const result = editing
            ? await api('PUT', '/api/members/' + encodeURIComponent(id), details)
            : await api('POST', '/api/members', Object.assign({ id: number.value.trim() }, details));
          if (result.ok) { location.hash = '#/anggota/' + encodeURIComponent(result.data.id); return; }
          say(status, result.status === 409 ? 'Nomor anggota ini sudah dipakai.' : problemText(result), true);
        } catch (err) {
          say(status, 'Tidak ada sambungan internet. Data anggota perlu disimpan saat tersambung.', true);
        }
      } },
      field('nomor', 'Nomor anggota', number), field('nama', 'Nama', name), field('email', 'Email', email), field('telepon', 'Telepon', phone),
      el('div', { class: 'actions' }, el('button', { type: 'submit' }, 'Simpan')), status);
      show(editing ? 'Ubah anggota' : 'Tambah anggota', form);
    },

    async transaksi(params) {
      if (!may('teller')) { show('Transaksi baru', message('Kunci ini hanya untuk melihat; mencatat transaksi perlu kunci kasir (teller).', true)); return; }
      const member = el('input', { type: 'text', autocomplete: 'off', required: true, maxlength: 32, value: params.get('anggota') || '' });
      const kind = select({ deposit: 'Setoran', withdrawal: 'Penarikan', loan_repayment: 'Angsuran pinjaman' }, params.get('pinjaman') ? 'loan_repayment' : 'deposit');
      const account = select(ACCOUNTS, 'simpanan_sukarela');
      const savingsField = field('simpanan', 'Simpanan', account);
      const loan = loanPicker(member, kind, params.get('pinjaman'));
      const amount = el('input', { type: 'text', inputmode: 'numeric', autocomplete: 'off', required: true, 'aria-describedby': 'jumlah-hint' });
      const description = el('input', { type: 'text', autocomplete: 'off', maxlength: 500 });
      const status = message('');
      const list = el('ul', { class: 'list', id: 'outbox' });
      const form = el('form', { novalidate: true, onsubmit: async (e) => {
        e.preventDefault();
        const value = parseRupiah(amount.value);
        const number = member.value.trim();
        const problems = [];
        const repayment = kind.value === 'loan_repayment';
        const loanId = repayment ? loan.value() : null;
        if (!/^[A-Za-z0-9_-]{1,32}$/.test(number)) problems.push('Isi Nomor anggota (huruf, angka, - atau _).');
        if (repayment && !/^[A-Za-z0-9_-]{1,64}$/.test(loanId)) problems.push('Pilih atau ketik Pinjaman (huruf, angka, - atau _).');
        if (value === null) problems.push('Jumlah harus rupiah bulat, misalnya 50000 atau 50.000.');
        if (problems.length) { say(status, problems.join(' '), true); return; }
        const item = { id: newId(), cooperativeId: state.session.cooperative.id, memberId: number, kind: kind.value, account: repayment ? null : account.value, loanId, amount: value,
          occurredAt: new Date().toISOString(), description: description.value.trim() || null, state: 'pending', createdAt: new Date().toISOString() };
        await outbox.put(item);
        say(status, KINDS[item.kind] + ' ' + rupiah(value) + ' untuk ' + number + (repayment ? ' (pinjaman ' + loanId + ')' : '') + ' disimpan.', false);
        amount.value = ''; description.value = '';
        await render();
        sync();
      } },
      field('anggota', 'Nomor anggota', member), field('jenis', 'Jenis', kind), savingsField, loan.field,
      field('jumlah', 'Jumlah', amount, 'Rupiah, dengan atau tanpa titik: 50000 atau 50.000'), field('keterangan', 'Keterangan (boleh kosong)', description),
      el('div', { class: 'actions' }, el('button', { type: 'submit' }, 'Simpan')), status);
      async function render() {
        const items = (await outbox.all()).slice(0, 50);
        list.replaceChildren(...items.map(outboxItem));
        if (items.length === 0) list.append(el('li', { class: 'muted' }, 'Belum ada transaksi dari perangkat ini.'));
      }
      const choose = () => { const repayment = kind.value === 'loan_repayment'; savingsField.hidden = repayment; loan.field.hidden = !repayment; if (repayment) loan.load(); };
      kind.addEventListener('change', choose);
      let typing = 0;
      const reload = () => { clearTimeout(typing); if (kind.value === 'loan_repayment') loan.load(); };
      member.addEventListener('input', () => { clearTimeout(typing); typing = setTimeout(reload, 400); });
      member.addEventListener('change', reload);
      choose();
      show('Transaksi baru', form, el('h2', {}, 'Dari perangkat ini'), list);
      const refresh = () => { if (main.contains(list)) render(); else document.removeEventListener('outbox', refresh); };
      document.addEventListener('outbox', refresh);
      await render();
    },

    pembayaran() {
      return listScreen('Pembayaran tak dikenal', 'Uang dari penyedia pembayaran yang referensinya tidak cocok dengan anggota. Disimpan sebagai dana titipan sampai ditetapkan.',
        '/api/payments/unmatched?limit=100', 'Tidak ada pembayaran tak dikenal.', (p) => {
          const item = el('li', {}, el('div', { class: 'row' }, el('span', {}, p.provider + ' · ' + (p.reference || 'tanpa referensi')), el('span', { class: 'amount' }, rupiah(p.amount))),
            el('div', { class: 'muted' }, 'Dibayar ' + dateTime(p.paidAt)));
          if (may('admin')) {
            const member = el('input', { type: 'text', autocomplete: 'off', maxlength: 32 });
            const account = select(ACCOUNTS, 'simpanan_sukarela');
            const status = message('');
            item.append(el('form', { novalidate: true, onsubmit: async (e) => {
              e.preventDefault();
              try {
                const r = await api('POST', '/api/payments/unmatched/' + encodeURIComponent(p.id) + '/assign', { memberId: member.value.trim(), account: account.value });
                say(status, r.ok ? 'Ditetapkan ke ' + r.data.memberId + '; setoran sedang dibukukan.' : problemText(r), !r.ok);
              } catch (err) { say(status, 'Tidak ada sambungan internet.', true); }
            } }, field('tetap-anggota-' + p.id, 'Nomor anggota', member), field('tetap-simpanan-' + p.id, 'Simpanan', account),
            el('div', { class: 'actions' }, el('button', { type: 'submit' }, 'Tetapkan')), status));
          }
          return item;
        });
    },

    kegagalan() {
      const names = { failing: 'Sedang gagal', poisoned: 'Berhenti', replayed: 'Sudah diulang', conflict: 'Bentrok nomor' };
      return listScreen('Kegagalan', 'Pesan yang tidak dapat diproses. Mengulang membukukannya sekali saja.',
        '/api/failures?limit=100', 'Tidak ada kegagalan.', (f) => {
          const status = message('');
          const replay = may('admin') && f.status === 'poisoned'
            ? el('button', { type: 'button', onclick: async (e) => {
              e.target.disabled = true;
              try {
                const r = await api('POST', '/api/failures/' + encodeURIComponent(f.id) + '/replay');
                say(status, r.ok ? 'Diulang; akan dibukukan sekali.' : problemText(r), !r.ok);
              } catch (err) { say(status, 'Tidak ada sambungan internet.', true); e.target.disabled = false; }
            } }, 'Ulangi')
            : null;
          return el('li', {}, el('div', { class: 'row' }, el('span', {}, (f.memberId ? 'Anggota ' + f.memberId : f.queue) + (f.transactionId ? ' · ' + f.transactionId : '')),
            el('span', { class: 'badge' }, names[f.status] || f.status)),
          f.lastAttemptAt ? el('div', { class: 'muted' }, 'Terakhir ' + dateTime(f.lastAttemptAt)) : null,
          f.error ? el('div', { class: 'muted' }, f.error) : null, replay ? el('div', { class: 'actions' }, replay) : null, status);
        });
    },

    async laporan() {
      const period = el('input', { type: 'month', value: lastMonth(), max: lastMonth() });
      const status = message('');
      const runBox = el('div', { class: 'card' });
      const tbBox = el('div', {}, el('p', { class: 'muted' }, 'Memuat…'));
      const load = async () => {
        await guarded(runBox, async () => {
          const p = await api('GET', '/api/statements/' + period.value);
          runBox.replaceChildren(el('h2', {}, 'Laporan ' + period.value), p.ok ? progress(p.data) : el('p', {}, p.status === 404 ? 'Belum dijalankan.' : problemText(p)));
          const busy = p.ok && (!p.data.fannedOut || p.data.pending + p.data.sending > 0);
          clearInterval(state.watch);
          if (busy) state.watch = setInterval(() => { if (main.contains(runBox)) load(); else clearInterval(state.watch); }, 2000);
        });
      };
      const form = el('form', { novalidate: true, onsubmit: async (e) => {
        e.preventDefault();
        if (!may('admin')) { load(); return; }
        try {
          const r = await api('POST', '/api/statements/' + period.value + '/run');
          say(status, r.ok ? 'Pengiriman laporan ' + period.value + ' dimulai.' : problemText(r), !r.ok);
        } catch (err) { say(status, 'Tidak ada sambungan internet.', true); }
        load();
      } }, field('periode', 'Bulan', period, 'Bulan yang sudah berakhir'),
      el('div', { class: 'actions' }, el('button', { type: 'button', class: 'secondary', onclick: load }, 'Lihat'), may('admin') ? el('button', { type: 'submit' }, 'Mulai kirim laporan') : null), status);
      show('Laporan', el('h2', {}, 'Laporan bulanan anggota'), form, runBox, el('h2', {}, 'Neraca saldo'), tbBox);
      load();
      await guarded(tbBox, async () => {
        const tb = await api('GET', '/api/ledger/trial-balance');
        if (!tb.ok) { tbBox.replaceChildren(message(problemText(tb), true)); return; }
        tbBox.replaceChildren(el('p', { class: 'muted' }, 'Per ' + day(tb.data.asOf) + ' · ' + (tb.data.balanced ? 'Seimbang' : 'TIDAK seimbang')),
          el('table', {}, el('caption', { class: 'muted' }, 'Saldo setiap akun'),
            el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Akun'), el('th', { scope: 'col', class: 'num' }, 'Saldo'))),
            el('tbody', {}, tb.data.accounts.map((a) => el('tr', {}, el('td', {}, a.name), el('td', { class: 'num' }, rupiah(a.balance))))),
            el('tfoot', {}, el('tr', {}, el('th', { scope: 'row' }, 'Total debit'), el('td', { class: 'num' }, rupiah(tb.data.totalDebit))),
              el('tr', {}, el('th', { scope: 'row' }, 'Total kredit'), el('td', { class: 'num' }, rupiah(tb.data.totalCredit))))));
      });
    },
  };

  // A member's loans: piutang_pinjaman from the balances, then each loan with its status and, when disbursed, the
  // principal still owed (from the loan itself: the list's summaries carry no schedule).
  async function memberLoans(m, b, loans) {
    const items = loans.ok ? loans.data.items : [];
    const owed = await Promise.all(items.map(async (l) => {
      if (l.status !== 'active') return null;
      const d = await api('GET', '/api/loans/' + encodeURIComponent(l.id));
      return d.ok ? d.data.outstandingPrincipal : null;
    }));
    const pay = (l) => may('teller') && l.status === 'active'
      ? el('a', { class: 'button secondary', href: '#/transaksi?anggota=' + encodeURIComponent(m.id) + '&pinjaman=' + encodeURIComponent(l.id) }, 'Bayar angsuran') : null;
    return el('div', { class: 'card' }, el('h2', {}, 'Pinjaman'),
      el('dl', { class: 'pairs' }, el('dt', {}, 'Piutang pinjaman'), el('dd', { 'data-balance': 'piutang_pinjaman' }, rupiah(b.piutang_pinjaman || 0))),
      items.length === 0 ? el('p', { class: 'muted' }, loans.ok ? 'Belum ada pinjaman.' : problemText(loans))
        : el('ul', { class: 'list' }, items.map((l, n) => el('li', { 'data-loan': l.id, 'data-status': l.status },
          el('div', { class: 'row' }, el('span', {}, l.id + ' · ' + l.productCode), el('span', { class: 'badge' }, LOAN_STATUS[l.status] || l.status)),
          el('div', { class: 'row muted' }, el('span', {}, 'Pokok ' + rupiah(l.principal) + ', ' + l.termMonths + ' bulan'),
            el('span', { 'data-outstanding': l.id }, owed[n] !== null ? 'Sisa pokok ' + rupiah(owed[n]) : l.status === 'closed' ? 'Sisa pokok ' + rupiah(0) : '')),
          pay(l) ? el('div', { class: 'actions' }, pay(l)) : null))));
  }

  // "Pinjaman" of a repayment: a select of the member's active loans, or, when the list cannot be fetched (offline),
  // a text field for the loan's number, so an angsuran can still be recorded into the outbox.
  function loanPicker(member, kind, preset) {
    const hint = el('div', { class: 'muted', id: 'pinjaman-hint' });
    const box = el('div', { class: 'field', hidden: true }, el('label', { for: 'pinjaman' }, 'Pinjaman'));
    let control = null;
    let asked = 0;
    function use(next, text) {
      next.id = 'pinjaman';
      next.setAttribute('aria-describedby', 'pinjaman-hint');
      if (control) control.replaceWith(next); else box.append(next, hint);
      control = next;
      hint.textContent = text;
    }
    function choices(options, text) { use(el('select', {}, options.map(([v, t]) => el('option', { value: v, selected: v === preset }, t))), text); }
    function typed(text) { use(el('input', { type: 'text', autocomplete: 'off', maxlength: 64, spellcheck: 'false', value: preset || '' }), text); }
    let loadedFor = null;
    async function load() {
      const number = member.value.trim();
      if (number === loadedFor) return; // the same member again (a change after the debounced input): keep what is chosen or typed
      loadedFor = number;
      const ask = ++asked;
      if (!/^[A-Za-z0-9_-]{1,32}$/.test(number)) { choices([['', 'Isi Nomor anggota dulu']], 'Pinjaman aktif anggota tampil di sini.'); return; }
      choices([['', 'Memuat…']], 'Memuat pinjaman anggota ' + number + '…');
      let r;
      try { r = await api('GET', '/api/members/' + encodeURIComponent(number) + '/loans?limit=100'); } catch (e) {
        if (!(e instanceof Offline)) throw e;
        r = null;
      }
      if (ask !== asked) return;
      if (r && r.status === 404) { choices([['', 'Anggota tidak ditemukan']], REASONS.unknown_member); return; }
      if (!r || !r.ok) { typed(r ? problemText(r) + ' Ketik nomor pinjaman.' : 'Tanpa sambungan: daftar pinjaman tidak dapat dimuat. Ketik nomor pinjaman.'); return; }
      const active = r.data.items.filter((l) => l.status === 'active');
      if (active.length === 0) { choices([['', 'Tidak ada pinjaman aktif']], 'Anggota ' + number + ' tidak punya pinjaman aktif.'); return; }
      choices(active.map((l) => [l.id, l.id + ' · ' + l.productCode + ' · ' + rupiah(l.principal)]), 'Pinjaman aktif anggota ' + number + '.');
    }
    return { field: box, load, value: () => (control ? control.value.trim() : '') };
  }

  // A screen that lists one page of an API list: loading, problems, offline and "none" are the same everywhere.
  async function listScreen(title, intro, path, none, item) {
    const body = el('div', {}, el('p', { class: 'muted' }, 'Memuat…'));
    show(title, el('p', { class: 'muted' }, intro), body);
    await guarded(body, async () => {
      const result = await api('GET', path);
      if (!result.ok) body.replaceChildren(message(problemText(result), true));
      else if (result.data.items.length === 0) body.replaceChildren(el('p', {}, none));
      else body.replaceChildren(el('ul', { class: 'list' }, result.data.items.map(item)));
    });
  }

  function dateIn(iso) { return new Intl.DateTimeFormat('en-CA', { timeZone: zone(), year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso)); }

  function progress(p) {
    const done = p.sent + p.skipped + p.failed + p.unknown;
    const share = p.members > 0 ? Math.round((done / p.members) * 100) : 100;
    return el('div', { 'data-progress': p.period },
      el('p', {}, p.periodName + ': ' + done + ' dari ' + p.members + ' anggota selesai'),
      el('div', { class: 'progress', role: 'progressbar', 'aria-label': 'Kemajuan laporan ' + p.periodName, 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': share }, bar(share)),
      el('dl', { class: 'pairs' }, el('dt', {}, 'Terkirim'), el('dd', {}, p.sent), el('dt', {}, 'Dilewati'), el('dd', {}, p.skipped),
        el('dt', {}, 'Menunggu'), el('dd', {}, p.pending + p.sending), el('dt', {}, 'Gagal'), el('dd', {}, p.failed + p.unknown)));
  }

  function outboxItem(i) {
    const names = { pending: 'Menunggu sinkron', sent: 'Terkirim, menunggu pembukuan', posted: 'Tercatat', rejected: 'Ditolak' };
    return el('li', { 'data-id': i.id, 'data-state': i.state },
      el('div', { class: 'row' }, el('span', {}, KINDS[i.kind] + ' · ' + (i.loanId ? 'Pinjaman ' + i.loanId : ACCOUNTS[i.account]) + ' · ' + i.memberId), el('span', { class: 'amount' }, rupiah(i.amount))),
      el('div', { class: 'row muted' }, el('span', {}, dateTime(i.occurredAt)), el('span', { class: 'badge ' + (i.state === 'sent' ? 'pending' : i.state) }, names[i.state])),
      i.reason ? el('div', { class: 'error-text' }, i.reason) : null,
      i.state === 'posted' && i.balanceAfter !== undefined ? el('div', { class: 'muted' }, (i.loanId ? 'Piutang pinjaman sesudahnya ' : 'Saldo sesudahnya ') + rupiah(i.balanceAfter)) : null);
  }

  async function find(text, results) {
    if (!text) { results.replaceChildren(message('Isi nomor atau nama anggota.', true)); return; }
    results.replaceChildren(el('p', { class: 'muted' }, 'Mencari…'));
    await guarded(results, async () => {
      const found = new Map();
      const exact = await api('GET', '/api/members/' + encodeURIComponent(text));
      if (exact.ok) found.set(exact.data.id, exact.data);
      const needle = text.toLowerCase();
      let token = null;
      for (let page = 0; page < 10; page++) {
        const r = await api('GET', '/api/members?limit=1000' + (token ? '&continuationToken=' + encodeURIComponent(token) : ''));
        if (!r.ok) break;
        for (const m of r.data.items) if (m.name.toLowerCase().includes(needle) || m.id.toLowerCase().includes(needle)) found.set(m.id, m);
        token = r.data.continuationToken;
        if (!token || found.size >= 50) break;
      }
      results.replaceChildren(found.size === 0 ? el('p', {}, 'Tidak ada anggota yang cocok.') : el('ul', { class: 'list' },
        [...found.values()].slice(0, 50).map((m) => el('li', {}, el('a', { href: '#/anggota/' + encodeURIComponent(m.id) }, m.id + ' · ' + m.name)))));
    });
  }

  // ---- Navigation ------------------------------------------------------------------------------------------
  function menu(current) {
    const links = [['beranda', 'Beranda'], ['anggota', 'Anggota'], may('teller') ? ['transaksi', 'Transaksi baru'] : null, ['pembayaran', 'Pembayaran'], ['kegagalan', 'Kegagalan'], ['laporan', 'Laporan']].filter(Boolean);
    nav.replaceChildren(...links.map(([route, text]) => el('a', { href: '#/' + route, 'aria-current': route === current ? 'page' : false }, text)),
      el('button', { type: 'button', onclick: () => signOut() }, 'Keluar'));
    nav.hidden = false;
  }
  async function route() {
    const [path, query] = location.hash.replace(/^#\/?/, '').split('?');
    const parts = path.split('/').map(decodeURIComponent);
    if (!state.session) { nav.hidden = true; screens.masuk(); return; }
    const name = parts[0] || 'beranda';
    menu(name === 'anggota-baru' ? 'anggota' : name);
    if (name === 'anggota' && parts[1] && parts[2] === 'ubah') return screens.anggotaForm(parts[1]);
    if (name === 'anggota' && parts[1]) return screens.anggotaDetail(parts[1]);
    if (name === 'anggota-baru') return screens.anggotaForm(null);
    if (name === 'transaksi') return screens.transaksi(new URLSearchParams(query || ''));
    const screen = { beranda: screens.beranda, anggota: screens.anggota, pembayaran: screens.pembayaran, kegagalan: screens.kegagalan, laporan: screens.laporan }[name];
    return (screen || screens.beranda)();
  }
  function start() {
    document.getElementById('brand').textContent = state.session.cooperative.name;
    sync();
  }
  window.addEventListener('hashchange', route);

  // A progress bar's width through the CSSOM: the CSP allows no inline style attribute.
  function bar(share) { const span = el('span'); span.style.width = share + '%'; return span; }

  state.key = stored(KEY);
  const session = stored(SESSION);
  state.session = state.key && session ? JSON.parse(session) : null;
  setOnline(navigator.onLine);
  if (state.session) start();
  route();
  if ('serviceWorker' in navigator) navigator.serviceWorker.register('/sw.js').catch(() => {});
})();
