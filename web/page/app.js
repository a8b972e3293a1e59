// The page: loads the engine inlined below, asks the questions caiju ask would, shows the result, saves and loads answers.
'use strict';
(function () {
  const TEXT = {
    zh: {
      title: '南平人才政策一网查询',
      skip: '跳到结果',
      privacy: '计算全部在本设备上完成：出生日期、身份证号码等信息不会离开您的设备。',
      questions: '回答几个问题',
      loading: '正在加载…',
      asOf: '评估日期',
      save: '保存我的回答',
      load: '载入回答',
      print: '打印',
      restart: '重新开始',
      result: '查询结果',
      footer: '结果依据政策文件自动计算，仅供参考；以经办部门审核为准。',
      other: 'English',
      otherLang: 'en',
      help: '说明',
      ok: '确定',
      unknown: '不知道',
      unknownNote: '已回答“不知道”：相关措施列在“还需了解的信息”中。',
      none: '以上都不适用',
      confirm: '确定所选',
      change: '修改清单',
      tickedList: (items) => `已选：${items}`,
      progress: (n, left) => left > 0 ? `第 ${n} 题，最多还有 ${left} 题` : `第 ${n} 题，这是最后一题`,
      finished: (n) => `问卷已完成（共 ${n} 题）。可随时修改上面的任何回答，结果会立即更新。`,
      now: '可领取的补贴',
      later: '以后可领取',
      awards: '可申报的评选奖励',
      services: '权利与服务',
      needed: '还需了解的信息',
      changes: '什么会改变结果',
      total: '合计：',
      yuan: ' 元',
      upTo: '最高 ',
      paidTo: '领取方',
      clause: '依据',
      from: '可领取日期',
      quoteOf: (clause) => `政策原文（${clause}）`,
      toAnswer: (n) => `还需回答 ${n} 个问题`,
      handled: '经办：',
      lead: '牵头单位 ',
      responsible: '；责任单位 ',
      payer: (p) => `；由${p}支出`,
      beneficiary: { individual: '本人', employer: '用人单位', organization: '申报单位' },
      nothingYet: '回答上面的问题后，这里会列出您可以享受的政策。',
      nothing: '根据目前的回答，没有适用的措施。',
      summaryDone: '问卷已完成。',
      summaryOpen: (n) => `已回答 ${n} 题。`,
      summaryMoney: (parts) => `可领取：${parts}。`,
      summaryLater: (n) => `以后可领取 ${n} 项。`,
      summaryNeeded: (n) => `${n} 项还需了解。`,
      sep: '；',
      list: '、',
      saved: '已保存为 caiju-answers.toml，可用 caiju check 复核。',
      loaded: (n) => `已载入 ${n} 项回答。`,
      profile: '档案：',
      answersHeading: '我的回答',
      failed: '无法加载计算引擎：',
    },
    en: {
      title: 'Nanping talent policy lookup',
      skip: 'Skip to the result',
      privacy: 'Everything is computed on this device: your birth date, ID number and other answers never leave it.',
      questions: 'Answer a few questions',
      loading: 'Loading…',
      asOf: 'As of',
      save: 'Save my answers',
      load: 'Load answers',
      print: 'Print',
      restart: 'Start again',
      result: 'Result',
      footer: 'Computed from the policy text, for reference only; the handling offices decide.',
      other: '中文',
      otherLang: 'zh',
      help: 'Help',
      ok: 'OK',
      unknown: "I don't know",
      unknownNote: "Answered “I don't know”: the measures that depend on it are listed under “What we still need to know”.",
      none: 'None of these apply',
      confirm: 'Confirm',
      change: 'Change the list',
      tickedList: (items) => `Ticked: ${items}`,
      progress: (n, left) => left > 0 ? `Question ${n} — at most ${left} left` : `Question ${n} — the last one`,
      finished: (n) => `Done (${n} questions). Change any answer above and the result updates at once.`,
      now: 'Money you get',
      later: 'Money coming later',
      awards: 'Awards you may apply for',
      services: 'Rights and services',
      needed: 'What we still need to know',
      changes: 'What would change the outcome',
      total: 'Total: ',
      yuan: ' yuan',
      upTo: 'up to ',
      paidTo: 'paid to',
      clause: 'clause',
      from: 'claimable from',
      quoteOf: (clause) => `Policy text (${clause})`,
      toAnswer: (n) => (n === 1 ? '1 question to answer' : `${n} questions to answer`),
      handled: 'Handled by: ',
      lead: 'lead: ',
      responsible: '; responsible: ',
      payer: (p) => `; paid by ${p}`,
      beneficiary: { individual: 'you', employer: 'employer', organization: 'organization' },
      nothingYet: 'Answer the questions and what the policy gives you is listed here.',
      nothing: 'With these answers, no measure applies.',
      summaryDone: 'Done.',
      summaryOpen: (n) => `${n} answered.`,
      summaryMoney: (parts) => ` Money: ${parts}.`,
      summaryLater: (n) => ` ${n} more later.`,
      summaryNeeded: (n) => ` ${n} still need information.`,
      sep: '; ',
      list: ', ',
      saved: 'Saved as caiju-answers.toml; caiju check reads it.',
      loaded: (n) => `Loaded ${n} answers.`,
      profile: 'Profile: ',
      answersHeading: 'My answers',
      failed: 'The engine could not be loaded: ',
    },
  };

  const state = { lang: 'zh', asOf: today(), answers: { values: {} }, result: null, exports: null };
  const $ = (id) => document.getElementById(id);
  const t = () => TEXT[state.lang];
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();

  function today() {
    const d = new Date();
    const pad = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  }

  function bytes(base64) {
    if (Uint8Array.fromBase64) return Uint8Array.fromBase64(base64.trim());
    const text = atob(base64.trim());
    const out = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
    return out;
  }

  /** One request to the engine: JSON in, JSON out; an error answer is thrown. */
  function engine(request) {
    const ex = state.exports;
    const input = encoder.encode(JSON.stringify(request));
    const at = ex.request(input.length);
    new Uint8Array(ex.memory.buffer, at, input.length).set(input);
    const length = ex.respond();
    const answer = JSON.parse(decoder.decode(new Uint8Array(ex.memory.buffer, ex.output(), length)));
    if (answer.error) throw new Error(answer.error.message);
    return answer.ok;
  }

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') node.className = v;
      else if (k === 'text') node.textContent = v;
      else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children) if (c !== null && c !== undefined) node.append(c);
    return node;
  }

  /** Money as the CLI writes it: 70,000 or 1,234.5, from the exact decimal string. */
  function money(text) {
    const negative = text.startsWith('-');
    const [whole, fraction] = (negative ? text.slice(1) : text).split('.');
    const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    return (negative ? '-' : '') + grouped + (fraction ? '.' + fraction : '');
  }

  function amountText(m) {
    const x = t();
    if (m.amount !== null && m.amount_max !== null && m.status === 'needs_info') {
      return `${money(m.amount)}–${money(m.amount_max)}${x.yuan}`;
    }
    if (m.amount !== null) return money(m.amount) + x.yuan;
    if (m.amount_max !== null) return x.upTo + money(m.amount_max) + x.yuan;
    return '';
  }

  // ---- the questionnaire ----

  function stepKey(step) {
    return `${step.field}|${step.kind}|${step.options.map((o) => o.value).join(',')}`;
  }

  function answer(field, value, fromOpenStep) {
    state.answers.values[field] = value;
    update(fromOpenStep);
  }

  function ticked(fieldset) {
    return [...fieldset.querySelectorAll('input[type=checkbox]:checked')].map((c) => c.value);
  }

  function commitTyped(input, fromOpenStep) {
    const value = input.value.trim();
    if (value === state.answers.values[input.dataset.field]) return;
    if (value === '') {
      delete state.answers.values[input.dataset.field];
      update(false);
    } else {
      answer(input.dataset.field, value, fromOpenStep);
    }
  }

  function isOpen(fieldset) {
    return fieldset.classList.contains('open');
  }

  function buildStep(step) {
    const x = t();
    const id = `q-${step.field}`;
    const fieldset = el('fieldset', { class: 'step', id });
    fieldset.dataset.key = stepKey(step);
    fieldset.dataset.step = step.field;
    fieldset.append(el('legend', { id: `${id}-legend` }));
    const describedBy = `${id}-error ${id}-note`;
    if (step.kind === 'choice') {
      const box = el('div', { class: 'choices' });
      const options = step.field === 'subject' ? step.options : [...step.options, { value: '', label: x.unknown }];
      for (const option of options) {
        const input = el('input', {
          type: 'radio', name: id, value: option.value, 'data-field': step.field, 'aria-describedby': describedBy,
          onchange: () => answer(step.field, option.value, isOpen(fieldset)),
        });
        box.append(el('label', {}, input, el('span', { text: option.label })));
      }
      fieldset.append(box);
    } else if (step.kind === 'checklist') {
      const box = el('div', { class: 'checks' });
      for (const option of step.options) {
        const input = el('input', {
          type: 'checkbox', value: option.value, 'data-field': 'checklist', 'aria-describedby': describedBy,
          onchange: () => {
            if (state.answers.values.checklist !== undefined) answer('checklist', ticked(fieldset), false);
            else confirm.textContent = ticked(fieldset).length ? x.confirm : x.none;
          },
        });
        box.append(el('label', {}, input, el('span', { text: option.label })));
      }
      const confirm = el('button', {
        type: 'button', class: 'primary confirm', 'data-field': 'checklist', text: x.none,
        onclick: () => answer('checklist', ticked(fieldset), isOpen(fieldset)),
      });
      // Once answered, the long list folds away behind what was ticked.
      const toggle = el('button', {
        type: 'button', class: 'toggle', 'aria-expanded': 'false', 'aria-controls': `${id}-list`, text: x.change,
        onclick: () => {
          const folded = fieldset.classList.toggle('folded');
          toggle.setAttribute('aria-expanded', String(!folded));
          fieldset.dataset.unfolded = folded ? '' : 'yes';
        },
      });
      box.id = `${id}-list`;
      fieldset.append(el('p', { class: 'ticked' }), box, el('div', { class: 'typed' }, confirm, toggle));
    } else {
      const input = el('input', {
        id: `${id}-input`,
        type: step.kind === 'date' ? 'date' : 'text',
        inputmode: step.kind === 'number' || step.kind === 'money' ? 'decimal' : null,
        autocomplete: 'off',
        spellcheck: 'false',
        placeholder: step.hint,
        'data-field': step.field,
        'aria-labelledby': `${id}-legend`,
        'aria-describedby': describedBy,
        onchange: () => commitTyped(input, isOpen(fieldset)),
      });
      const ok = el('button', { type: 'button', class: 'primary', text: x.ok, onclick: () => commitTyped(input, isOpen(fieldset)) });
      const unknown = el('button', {
        type: 'button', class: 'unknown', text: x.unknown,
        onclick: () => { input.value = ''; answer(step.field, '', isOpen(fieldset)); },
      });
      fieldset.append(el('div', { class: 'typed' }, input, ok, unknown));
    }
    if (step.help) {
      fieldset.append(el('details', { class: 'help' }, el('summary', { text: x.help }), el('p', { text: step.help })));
    }
    fieldset.append(el('p', { class: 'unknown-note', id: `${id}-note`, hidden: true }));
    fieldset.append(el('p', { class: 'error', id: `${id}-error`, role: 'alert' }));
    return fieldset;
  }

  /** Shows what the step's answer is, without disturbing a field being typed in. */
  function fillStep(fieldset, step, number) {
    const x = t();
    fieldset.querySelector('legend').textContent = `${number}. ${step.text}`;
    fieldset.classList.toggle('open', step.answer === null || step.error !== null);
    const given = step.answer;
    if (step.kind === 'choice') {
      for (const input of fieldset.querySelectorAll('input')) input.checked = given !== null && input.value === given;
    } else if (step.kind === 'checklist') {
      const list = Array.isArray(given) ? given : [];
      for (const input of fieldset.querySelectorAll('input')) input.checked = list.includes(input.value);
      const confirm = fieldset.querySelector('button.confirm');
      confirm.hidden = given !== null;
      confirm.textContent = list.length ? x.confirm : x.none;
      const toggle = fieldset.querySelector('button.toggle');
      toggle.hidden = given === null;
      const folded = given !== null && !fieldset.dataset.unfolded;
      fieldset.classList.toggle('folded', folded);
      toggle.setAttribute('aria-expanded', String(!folded));
      const labels = step.options.filter((o) => list.includes(o.value)).map((o) => o.label);
      fieldset.querySelector('.ticked').textContent = given === null ? '' : x.tickedList(labels.length ? labels.join(x.list) : x.none);
    } else {
      const input = fieldset.querySelector('input');
      if (document.activeElement !== input) input.value = typeof given === 'string' ? given : '';
    }
    const note = fieldset.querySelector('.unknown-note');
    note.hidden = given !== '';
    note.textContent = given === '' ? x.unknownNote : '';
    fieldset.querySelector('.error').textContent = step.error || '';
  }

  function renderSteps(result, focusNext) {
    const box = $('steps');
    const existing = new Map([...box.children].map((c) => [c.dataset.key, c]));
    const wanted = [];
    result.steps.forEach((step, i) => {
      const key = stepKey(step);
      const fieldset = existing.get(key) || buildStep(step);
      existing.delete(key);
      fillStep(fieldset, step, i + 1);
      wanted.push(fieldset);
    });
    for (const stale of existing.values()) stale.remove();
    wanted.forEach((fieldset, i) => {
      if (box.children[i] !== fieldset) box.insertBefore(fieldset, box.children[i] || null);
    });
    const x = t();
    $('progress').textContent = result.done ? x.finished(result.steps.length) : x.progress(result.number, result.left);
    if (focusNext) {
      const open = box.querySelector('.step.open');
      if (open) {
        const target = open.querySelector('input:checked') || open.querySelector('input, button');
        if (target) target.focus();
      } else if (result.done) {
        $('result').focus();
      }
    }
  }

  // ---- the result ----

  const GROUPS = [
    ['now', 'money', (m) => m.status === 'eligible' && m.kind !== 'in-kind'],
    ['later', 'later', (m) => m.status === 'pending'],
    ['awards', 'money', (m) => m.status === 'may_apply'],
    ['services', 'services', (m) => m.status === 'eligible' && m.kind === 'in-kind'],
    ['needed', 'unknown', (m) => m.status === 'needs_info'],
  ];

  function departmentsText(d) {
    const x = t();
    let line = x.lead + d.lead.join(x.list);
    if (d.responsible.length) line += x.responsible + d.responsible.join(x.list);
    if (d.payer) line += x.payer(d.payer);
    return line;
  }

  function measureCard(m, note, group, style) {
    const x = t();
    const amount = amountText(m);
    const meta = [`${x.paidTo} ${x.beneficiary[m.beneficiary]}`, `${x.clause} ${m.clause}`];
    if (group === 'later' && m.available_from) meta.push(`${x.from} ${m.available_from}`);
    const list = (lines) => el('ul', {}, ...lines.map((l) => el('li', { text: l })));
    // What a measure still waits for can be a long list: folded, with its count.
    const why = group === 'needed'
      ? el('details', {}, el('summary', { text: x.toAnswer(note.questions.length) }), list(note.questions))
      : note.detail.length ? list(note.detail) : null;
    return el('article', { class: `measure ${style}`, 'data-measure': m.id },
      el('h4', { text: m.name }),
      amount && group !== 'services' ? el('p', { class: 'amount', text: amount }) : null,
      el('p', { class: 'meta', text: meta.join(' · ') }),
      why,
      note.quote ? el('details', {}, el('summary', { text: x.quoteOf(m.clause) }), el('blockquote', { text: note.quote })) : null,
      m.departments ? el('p', { class: 'handled', text: x.handled + departmentsText(m.departments) }) : null,
    );
  }

  function answerLabel(step) {
    const x = t();
    if (step.answer === '') return x.unknown;
    if (Array.isArray(step.answer)) {
      const labels = step.options.filter((o) => step.answer.includes(o.value)).map((o) => o.label);
      return labels.length ? labels.join(x.list) : x.none;
    }
    const option = step.options.find((o) => o.value === step.answer);
    return option ? option.label : step.answer;
  }

  function renderResult(result) {
    const x = t();
    const report = result.report;
    const box = $('groups');
    box.replaceChildren();
    const answered = result.steps.filter((s) => s.answer !== null && s.error === null);
    const printed = $('answers-print');
    printed.replaceChildren(
      el('h3', { text: `${x.answersHeading}（${x.asOf} ${report.as_of}）` }),
      el('dl', { class: 'answers' }, ...answered.map((s) => el('div', {}, el('dt', { text: s.label }), el('dd', { text: answerLabel(s) })))),
    );
    if (report.name) box.append(el('p', { text: x.profile + report.name }));
    const parts = [];
    for (const [group, style, test] of GROUPS) {
      const items = report.measures.map((m, i) => [m, result.notes[i]]).filter(([m]) => test(m));
      if (!items.length) continue;
      const section = el('section', { class: `group group-${group}`, 'aria-labelledby': `h-${group}` }, el('h3', { id: `h-${group}`, text: x[group] }));
      if (group === 'now') {
        const totals = ['individual', 'employer', 'organization']
          .filter((b) => items.some(([m]) => m.beneficiary === b))
          .map((b) => `${x.beneficiary[b]} ${money(report.totals[b])}${x.yuan}`);
        parts.push(x.summaryMoney(totals.join(x.sep)));
        section.append(el('p', { class: 'totals', text: x.total + totals.join(x.sep) }));
      }
      if (group === 'later') parts.push(x.summaryLater(items.length));
      if (group === 'needed') parts.push(x.summaryNeeded(items.length));
      for (const [m, note] of items) section.append(measureCard(m, note, group, style));
      box.append(section);
    }
    if (result.changes.length) {
      box.append(el('section', { class: 'group changes-section', 'aria-labelledby': 'h-changes' },
        el('h3', { id: 'h-changes', text: x.changes }),
        el('ul', { class: 'changes' }, ...result.changes.map((c) => el('li', { text: c })))));
    }
    if (!report.measures.length) box.append(el('p', { text: answered.length > 1 || result.done ? x.nothing : x.nothingYet }));
    const head = result.done ? x.summaryDone : x.summaryOpen(answered.length);
    $('summary').textContent = head + parts.join('');
  }

  // ---- the page ----

  function update(focusNext) {
    const begun = performance.now();
    let result;
    try {
      result = engine({ op: 'next', answers: state.answers, as_of: state.asOf, lang: state.lang });
    } catch (e) {
      notice(e.message, true);
      return;
    }
    state.result = result;
    renderSteps(result, focusNext);
    renderResult(result);
    const timings = window.caiju && window.caiju.timings;
    // Until the frame with the new result is drawn.
    if (timings) requestAnimationFrame(() => setTimeout(() => timings.updates.push(performance.now() - begun)));
  }

  function notice(text, bad) {
    const box = $('notice');
    box.textContent = text;
    box.classList.toggle('bad', !!bad);
  }

  function applyLanguage() {
    const x = t();
    document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
    for (const node of document.querySelectorAll('[data-t]')) node.textContent = x[node.dataset.t];
    document.title = x.title;
    const button = $('lang');
    button.textContent = x.other;
    button.lang = x.otherLang === 'zh' ? 'zh-CN' : 'en';
    if (state.policy) {
      $('document').textContent = `${state.policy.title[state.lang]}（${state.policy.document}）`
        + state.policy.overlays.map((o) => ` + ${o.title[state.lang]}（${o.document}）`).join('');
    }
  }

  function save() {
    let toml;
    try {
      toml = engine({ op: 'save', answers: state.answers, as_of: state.asOf, lang: state.lang }).toml;
    } catch (e) {
      notice(e.message, true);
      return;
    }
    const url = URL.createObjectURL(new Blob([toml], { type: 'application/toml' }));
    const link = el('a', { href: url, download: 'caiju-answers.toml', hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    notice(t().saved);
  }

  async function load(file) {
    try {
      const answers = engine({ op: 'load', text: await file.text(), lang: state.lang });
      state.answers = answers;
      $('steps').replaceChildren();
      notice(t().loaded(Object.keys(answers.values).length));
      update(true);
    } catch (e) {
      notice(e.message, true);
    }
  }

  function wire() {
    $('form').addEventListener('submit', (e) => {
      e.preventDefault();
      const input = document.activeElement;
      if (input && input.matches('input[type=text], input[type=date]') && input.dataset.field) {
        commitTyped(input, isOpen(input.closest('fieldset')));
      }
    });
    $('lang').addEventListener('click', () => {
      state.lang = state.lang === 'zh' ? 'en' : 'zh';
      applyLanguage();
      $('steps').replaceChildren();
      update(false);
      $('lang').focus();
    });
    const asOf = $('as-of');
    asOf.value = state.asOf;
    asOf.addEventListener('change', () => {
      if (/^\d{4}-\d{2}-\d{2}$/.test(asOf.value)) {
        state.asOf = asOf.value;
        update(false);
      }
    });
    $('save').addEventListener('click', save);
    $('load').addEventListener('change', (e) => {
      const file = e.target.files && e.target.files[0];
      if (file) load(file);
      e.target.value = '';
    });
    $('print').addEventListener('click', () => window.print());
    $('restart').addEventListener('click', () => {
      state.answers = { values: {} };
      notice('');
      update(true);
    });
  }

  async function start() {
    const timings = { script: performance.now(), updates: [] };
    const gzipped = new Blob([bytes($('caiju-wasm').textContent)]);
    timings.decoded = performance.now();
    // Unzipped as it is compiled; a Response made here, not fetched.
    const wasm = new Response(gzipped.stream().pipeThrough(new DecompressionStream('gzip')), {
      headers: { 'Content-Type': 'application/wasm' },
    });
    const { instance } = await WebAssembly.instantiateStreaming(wasm, {});
    timings.compiled = performance.now();
    state.exports = instance.exports;
    const overlays = [...document.querySelectorAll('script.caiju-overlay')].map((s) => ({
      name: s.dataset.name,
      text: decoder.decode(bytes(s.textContent)),
    }));
    state.policy = engine({ op: 'init', overlays });
    timings.policy = performance.now();
    window.caiju = {
      /** What `caiju check --format json --as-of AS_OF` prints for the profile (an object of fact values); today without AS_OF. */
      check: (profile, asOf, lang) => engine({ op: 'check', profile, as_of: asOf || state.asOf, lang: lang || 'zh' }),
      /** What `caiju measures --format json` prints. */
      measures: (asOf, lang) => engine({ op: 'measures', as_of: asOf || state.asOf, lang: lang || 'zh' }),
      /** The questionnaire as it stands: the answers given and what they lead to. */
      current: () => ({ answers: JSON.parse(JSON.stringify(state.answers)), result: state.result, asOf: state.asOf, lang: state.lang }),
      /** Milliseconds from opening the page: script started, engine decoded, compiled, policy loaded, first
       question shown; then each update's, from the answer to the frame that shows its result. */
      timings,
    };
    $('loading').remove();
    applyLanguage();
    wire();
    update(false);
    timings.question = performance.now();
    document.documentElement.dataset.ready = 'true';
  }

  start().catch((e) => {
    const box = $('loading');
    if (box) box.textContent = TEXT.zh.failed + e.message + ' / ' + TEXT.en.failed + e.message;
  });
})();
