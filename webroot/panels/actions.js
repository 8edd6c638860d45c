'use strict';
// Actions panel: forms that call the node's own HTTP/JSON API (the routes of the README's API tables)
// for demos and operators: create an identity, mint, transfer, attest, create a genesis pool and
// generate eggs. Mutating calls carry the API token as "Authorization: Bearer ..."; the token is asked
// once, kept in this tab's sessionStorage (never in a URL, never in localStorage) and can be forgotten.
// Every answer (or the node's error, with its HTTP status) is shown as text, never as HTML.
(() => {
  const TOKEN_KEY = 'juice.apiToken';

  const token = () => sessionStorage.getItem(TOKEN_KEY) || '';

  function showTokenState() {
    setText('actions-token-state', token() ? 'token set for this tab' : 'no token set (calls are refused when the node requires one)');
  }

  function value(id) {
    return $(id).value.trim();
  }

  // "12.34" units → "1234" hundredths (the API's int64 as a string); null when not a valid amount
  function hundredths(text) {
    const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text);
    if (!m) return null;
    return String(Number(m[1]) * 100 + Number((m[2] || '0').padEnd(2, '0')));
  }

  const short = (id) => (id && id.length > 16 ? id.slice(0, 12) + '…' : id || '');

  // what each form sends and how its answer reads in one line
  const ACTIONS = {
    identity: {
      path: '/api/v1/identities',
      body: () => ({ displayName: value('act-identity-name') }),
      summary: (r) => 'identity ' + r.id + ' "' + r.displayName + '" created on ' + r.homeNode,
    },
    mint: {
      path: '/api/v1/tokens:mint',
      body: () => ({ issuerId: value('act-mint-issuer'), ownerId: value('act-mint-owner'), reference: value('act-mint-reference'),
        denomination: Number(value('act-mint-denomination')), count: Number(value('act-mint-count')) }),
      summary: (r) => 'minted ' + (r.tokens || []).length + ' token(s) under ' + r.issuanceId + ', value '
        + (Number(r.amountHundredths || 0) / 100).toFixed(2) + (r.issuanceClaimed ? ' (issuance claimed)' : ''),
    },
    transfer: {
      path: '/api/v1/transfers',
      body: () => {
        const amount = hundredths(value('act-transfer-amount'));
        if (amount === null) throw new Error('amount: units with at most two decimals, e.g. 12.50');
        return { fromId: value('act-transfer-from'), toId: value('act-transfer-to'), amountHundredths: amount };
      },
      summary: (r) => 'transfer ' + r.txId + ': ' + r.state + (r.errorCode ? ' (' + r.errorCode + ': ' + (r.errorMessage || '') + ')' : '')
        + ', ' + (Number(r.amountHundredths || 0) / 100).toFixed(2) + ' from ' + short(r.fromId) + ' to ' + short(r.toId),
    },
    attest: {
      path: '/api/v1/attestations',
      body: () => ({ attesterId: value('act-attest-attester'), subjectId: value('act-attest-subject'), type: value('act-attest-type'),
        strength: Number(value('act-attest-strength')), content: value('act-attest-content') }),
      summary: (r) => 'attestation ' + ((r.attestation || {}).id || '?') + (r.valid ? ' (valid)' : ' (' + (r.reason || 'not valid') + ')'),
    },
    pool: {
      path: '/api/v1/genesis-pools',
      body: () => ({ memberIds: value('act-pool-members').split(/[\s,]+/).filter((s) => s) }),
      summary: (r) => 'genesis pool ' + r.poolId + ' of ' + (r.memberIds || []).length + ' members, issuer ' + short(r.issuerId),
    },
    eggs: {
      path: '/api/v1/eggs:generate',
      body: () => ({ poolId: value('act-eggs-pool'), ownerId: value('act-eggs-owner'), reference: value('act-eggs-reference'),
        denomination: Number(value('act-eggs-denomination')), count: Number(value('act-eggs-count')) }),
      summary: (r) => 'generated ' + (r.eggs || []).length + ' egg(s), batch ' + r.batchId,
    },
  };

  function show(ok, line, detail) {
    const box = $('actions-result');
    box.className = 'actions-result ' + (ok ? 'good' : 'bad');
    setText('actions-summary', line);
    setText('actions-answer', detail);
  }

  async function run(name, button) {
    const action = ACTIONS[name];
    let body;
    try {
      body = action.body();
    } catch (e) {
      show(false, name + ': ' + e.message, '');
      return;
    }
    const headers = { 'Content-Type': 'application/json' };
    if (token()) headers.Authorization = 'Bearer ' + token();
    button.disabled = true;
    show(true, name + ': calling POST ' + action.path + ' …', '');
    try {
      const response = await fetch(action.path, { method: 'POST', headers, body: JSON.stringify(body), cache: 'no-store' });
      const text = await response.text();
      let json = null;
      try { json = JSON.parse(text); } catch (e) { json = null; }
      if (response.ok && json) {
        show(true, action.summary(json), JSON.stringify(json, null, 2));
      } else {
        const code = json && json.code ? json.code : response.statusText;
        const message = json && json.message ? json.message : text;
        show(false, name + ' refused: ' + response.status + ' ' + code + ': ' + message,
          response.status === 401 ? 'The node wants its API token (api.token): set it above.' : '');
      }
    } catch (e) {
      show(false, name + ' failed: the node did not answer (' + e.message + ')', '');
    } finally {
      button.disabled = false;
    }
  }

  $('actions-token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const entered = $('actions-token').value.trim();
    if (entered) sessionStorage.setItem(TOKEN_KEY, entered); else sessionStorage.removeItem(TOKEN_KEY);
    $('actions-token').value = '';
    showTokenState();
  });
  $('actions-token-forget').addEventListener('click', () => {
    sessionStorage.removeItem(TOKEN_KEY);
    showTokenState();
  });
  document.querySelectorAll('#panel-actions form[data-action]').forEach((form) => {
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      run(form.dataset.action, form.querySelector('button[type=submit]'));
    });
  });
  showTokenState();
  filled('panel-actions');
})();
