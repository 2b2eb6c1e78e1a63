/*
 * The preview page: draws the connection and every action's input form from the app definition the preview server
 * describes (GET /api/definition), and runs the connection test and "Test step" through it. Plain browser script,
 * no framework, no build. Nothing here writes to the console: the passcode lives only in its password box.
 */
/* global document, fetch */
(function () {
  'use strict';

  const CUSTOM = '\u0000custom';
  const state = {
    definition: undefined,
    action: undefined,
    /** key -> { read(), write(value), reset() } for the shown action's fields. */
    controls: new Map(),
    connectionControls: new Map(),
    /** Form values kept per action while switching. */
    saved: new Map(),
    busy: false,
    ids: 0,
  };

  const $ = (id) => document.getElementById(id);

  /** An element: h('p', { class: 'hint' }, 'text', child, ...). */
  function h(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === false || value === null) continue;
      if (name === 'class') node.className = value;
      else if (name === 'html') node.innerHTML = value;
      else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value === true ? '' : String(value));
    }
    for (const child of children.flat()) {
      if (child === undefined || child === null || child === false) continue;
      node.append(typeof child === 'string' ? document.createTextNode(child) : child);
    }
    return node;
  }

  const nextId = (base) => `${base.replace(/[^\w-]/g, '_')}-${(state.ids += 1)}`;
  const clear = (node) => node.replaceChildren();
  const json = (value) => JSON.stringify(value, null, 2);
  const textOf = (value) =>
    typeof value === 'string' ? value : value === null || value === undefined ? '' : JSON.stringify(value);

  /** An empty list, or an object of nothing but empty lists and objects. */
  const isEmpty = (value) =>
    Array.isArray(value)
      ? value.length === 0
      : typeof value === 'object' && value !== null && Object.values(value).every(isEmpty);

  class PreviewError extends Error {}

  /** Calls the preview server; its problems become PreviewErrors with a message for the page. */
  async function api(path, body) {
    let response;
    try {
      response = await fetch(
        path,
        body === undefined
          ? {}
          : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) },
      );
    } catch {
      throw new PreviewError(
        'The preview server is not answering. Is `npm run preview` still running? Start it again, then reload this page.',
      );
    }
    let data;
    try {
      data = await response.json();
    } catch {
      throw new PreviewError(
        `The preview server answered HTTP ${response.status} with something that is not JSON.`,
      );
    }
    if (!response.ok)
      throw new PreviewError(data.problem || `The preview server answered HTTP ${response.status}.`);
    return data;
  }

  function notice(message) {
    const box = $('notice');
    box.textContent = message || '';
    box.hidden = !message;
  }

  function problemBox(title, message) {
    return h(
      'div',
      { class: 'box problem' },
      h('p', {}, h('strong', {}, title)),
      message && h('p', {}, message),
    );
  }

  // ---- Fields ----------------------------------------------------------------------------------------------------

  function fieldMeta(field) {
    const parts = [h('code', {}, field.key), field.control === 'lineItems' ? '' : ` · ${field.type}`];
    if (field.control === 'dict') parts.push(' · key/value rows');
    if (field.control === 'list') parts.push(' · list');
    if (field.control === 'lineItems') parts.push(' · line items');
    if (field.default !== undefined) parts.push(` · default: ${field.default}`);
    if (field.altersDynamicFields)
      parts.push(
        state.action && state.action.computedSources
          ? ' · changes other fields (they are computed again)'
          : ' · marked as changing other fields (this action computes none)',
      );
    if (field.computed) parts.push(' · computed at run time');
    if (field.dynamic) parts.push(` · dynamic dropdown (${field.dynamic}), filled by the app's trigger`);
    return h('p', { class: 'meta' }, parts);
  }

  const requiredMark = (field) => field.required && h('span', { class: 'required' }, ' (required)');

  function helpBlock(field, id) {
    return field.helpHtml ? h('div', { class: 'help', id, html: field.helpHtml }) : undefined;
  }

  /**
   * A dropdown with a "Custom value…" entry (the editor lets users type or map a value); returns { nodes, read,
   * write, setChoices }. setChoices keeps the value chosen or typed.
   */
  function selectControl(field, common, initialChoices) {
    let choices = initialChoices;
    const custom = h('input', {
      type: 'text',
      class: 'custom-value',
      'aria-label': `${field.label}: custom value`,
      hidden: true,
    });
    const select = h('select', {
      ...common,
      onchange: () => {
        custom.hidden = select.value !== CUSTOM;
        if (!custom.hidden) custom.focus();
      },
    });
    const read = () => (select.value === CUSTOM ? custom.value : select.value);
    const write = (value) => {
      const text = textOf(value);
      const known = text === '' || choices.some((c) => c.value === text);
      select.value = known ? text : CUSTOM;
      custom.value = known ? '' : text;
      custom.hidden = known;
    };
    const setChoices = (list) => {
      const value = read();
      choices = list;
      select.replaceChildren(
        h('option', { value: '' }, field.required ? 'Choose a value…' : '(empty)'),
        ...choices.map((c) => h('option', { value: c.value }, c.label)),
        h('option', { value: CUSTOM }, 'Custom value…'),
      );
      write(value);
    };
    setChoices(choices);
    return { nodes: [select, custom], read, write, setChoices };
  }

  /**
   * A dynamic dropdown (`trigger.id.label`): drawn empty, then filled with the choices the app's trigger gives through
   * core (POST /api/dropdown), as the editor fills it; says how many, and whether CleverTap was asked or Zapier's
   * cache answered. When the trigger fails, the message the Zap user would read, and a custom value stays possible.
   */
  function dynamicControl(field, common) {
    const control = selectControl(field, common, []);
    const status = h(
      'p',
      { class: 'hint dropdown-status', 'aria-live': 'polite' },
      'Loading the choices from the account…',
    );
    api('/api/dropdown', { authData: authData(), dynamic: field.dynamic })
      .then((result) => {
        clear(status);
        if (result.outcome === 'choices') {
          control.setChoices(result.choices);
          const asked =
            result.requests === undefined
              ? ''
              : result.requests === 0
                ? " (from Zapier's cache: nothing asked of CleverTap)"
                : ` (read from CleverTap: ${result.requests} request${result.requests === 1 ? '' : 's'})`;
          status.append(`${result.choices.length} choices from the account${asked}, or a custom value.`);
          status.dataset.loaded = String(result.choices.length);
        } else if (result.outcome === 'error') {
          status.classList.add('dropdown-error');
          status.append(
            'The dropdown could not load; the Zap user sees: ',
            h('span', { class: 'shown-message' }, result.error.shown),
          );
        } else status.append(result.reason);
      })
      .catch((error) => {
        clear(status);
        status.append(`The choices could not be loaded: ${error.message}`);
      });
    return { ...control, nodes: [...control.nodes, status] };
  }

  /** One text-like control (input, textarea, select with a custom value); returns { nodes, read, write }. */
  function simpleControl(field, id, describedBy) {
    const common = {
      id,
      'aria-describedby': describedBy,
      'aria-required': field.required ? 'true' : undefined,
    };
    if (field.control === 'select' && field.choices) return selectControl(field, common, field.choices);
    if (field.dynamic && field.control === 'text') return dynamicControl(field, common);
    let node;
    if (field.control === 'textarea' || field.control === 'code')
      node = h('textarea', { ...common, class: field.control === 'code' ? 'code' : undefined, rows: 3 });
    else
      node = h('input', {
        ...common,
        type: field.control === 'password' ? 'password' : 'text',
        autocomplete: field.control === 'password' ? 'off' : undefined,
        placeholder: field.placeholder,
        spellcheck: 'false',
      });
    return {
      nodes: [node],
      read: () => node.value,
      write: (value) => {
        node.value = textOf(value);
      },
    };
  }

  /** Rows of inputs with add/remove buttons: key/value rows (dict) or list entries. */
  function rowsControl(field, pairs) {
    const rows = h('div', { class: 'rows' });
    const entries = [];
    const renumber = () =>
      entries.forEach((entry, index) => {
        const n = index + 1;
        if (pairs) {
          entry.name.setAttribute('aria-label', `${field.label}, row ${n}: name`);
          entry.value.setAttribute('aria-label', `${field.label}, row ${n}: value`);
        } else entry.value.setAttribute('aria-label', `${field.label}, entry ${n}`);
        entry.remove.textContent = pairs ? `Remove row ${n}` : `Remove entry ${n}`;
      });
    const add = (values, focus) => {
      const entry = {
        name: pairs ? h('input', { type: 'text', placeholder: 'Name', spellcheck: 'false' }) : undefined,
        value: h('input', { type: 'text', placeholder: pairs ? 'Value' : '', spellcheck: 'false' }),
      };
      entry.remove = h('button', {
        type: 'button',
        onclick: () => {
          entries.splice(entries.indexOf(entry), 1);
          entry.row.remove();
          if (!entries.length) add();
          renumber();
          addButton.focus();
        },
      });
      if (pairs) entry.name.value = textOf(values && values[0]);
      entry.value.value = textOf(pairs ? values && values[1] : values);
      entry.row = h('div', { class: 'row' }, entry.name, entry.value, entry.remove);
      entries.push(entry);
      rows.append(entry.row);
      renumber();
      if (focus) (entry.name || entry.value).focus();
    };
    const addButton = h(
      'button',
      { type: 'button', onclick: () => add(undefined, true) },
      pairs ? 'Add row' : 'Add entry',
    );
    const write = (values) => {
      clear(rows);
      entries.length = 0;
      const list = Array.isArray(values) ? values : [];
      list.forEach((v) => add(v));
      if (!list.length) add();
    };
    write([]);
    return {
      nodes: [rows, addButton],
      read: () => entries.map((e) => (pairs ? [e.name.value, e.value.value] : e.value.value)),
      write,
    };
  }

  /** Line items: each item a group of the children's fields, with add/remove item. */
  function lineItemsControl(field) {
    const items = h('div', { class: 'items' });
    const list = [];
    const renumber = () =>
      list.forEach((item, index) => {
        item.legend.textContent = `Item ${index + 1}`;
        item.remove.textContent = `Remove item ${index + 1}`;
      });
    const add = (values, focus) => {
      const item = { controls: new Map() };
      item.legend = h('legend', {});
      item.remove = h('button', {
        type: 'button',
        onclick: () => {
          list.splice(list.indexOf(item), 1);
          item.node.remove();
          if (!list.length) add();
          renumber();
          addButton.focus();
        },
      });
      const children = (field.children || []).map((child) => {
        const built = buildField(child);
        item.controls.set(child.key, built);
        return built.node;
      });
      item.node = h('fieldset', { class: 'item' }, item.legend, children, item.remove);
      list.push(item);
      items.append(item.node);
      for (const [key, control] of item.controls)
        control.write(values && values[key] !== undefined ? values[key] : undefined);
      renumber();
      if (focus) item.node.querySelector('input, select, textarea').focus();
    };
    const addButton = h('button', { type: 'button', onclick: () => add(undefined, true) }, 'Add item');
    const write = (values) => {
      clear(items);
      list.length = 0;
      const all = Array.isArray(values) ? values : [];
      all.forEach((v) => add(v));
      if (!all.length) add();
    };
    write([]);
    return {
      nodes: [items, addButton],
      read: () =>
        list.map((item) => {
          const values = {};
          for (const [key, control] of item.controls) {
            const value = control.read();
            if (value !== undefined) values[key] = value;
          }
          return values;
        }),
      write,
    };
  }

  /**
   * One field as the Zap editor draws it: label with the required mark, help text (Markdown, rendered by the
   * server), then the control. Returns { node, read(), write(value) }; write(undefined) puts the default back.
   */
  function buildField(field) {
    const id = nextId(`f-${field.key}`);
    const helpId = field.helpHtml ? `${id}-help` : undefined;
    const withDefault = (write) => (value) => write(value === undefined ? field.default : value);
    if (field.control === 'copy')
      return {
        node: h(
          'div',
          { class: 'field copy' },
          h('p', {}, h('strong', {}, field.label)),
          helpBlock(field, helpId),
        ),
        read: () => undefined,
        write: () => undefined,
      };
    if (field.control === 'dict' || field.control === 'list' || field.control === 'lineItems') {
      const control =
        field.control === 'lineItems'
          ? lineItemsControl(field)
          : rowsControl(field, field.control === 'dict');
      const node = h(
        'fieldset',
        { class: 'field', 'aria-describedby': helpId },
        h('legend', {}, field.label, requiredMark(field)),
        fieldMeta(field),
        helpBlock(field, helpId),
        control.nodes,
      );
      return { node, read: control.read, write: control.write };
    }
    const control = simpleControl(field, id, helpId);
    const node = h(
      'div',
      { class: 'field' },
      h(
        'div',
        { class: 'field-head' },
        h('label', { for: id }, field.label, requiredMark(field)),
        fieldMeta(field),
      ),
      helpBlock(field, helpId),
      control.nodes,
    );
    const write = withDefault(control.write);
    write(undefined);
    if (field.altersDynamicFields) control.nodes[0].addEventListener('change', () => refreshComputedFields());
    return { node, read: control.read, write };
  }

  function readForm(controls) {
    const form = {};
    for (const [key, control] of controls) {
      const value = control.read();
      if (value !== undefined) form[key] = value;
    }
    return form;
  }

  function drawFields(container, controls, fields, values) {
    clear(container);
    controls.clear();
    for (const field of fields) {
      const built = buildField(field);
      controls.set(field.key, built);
      container.append(built.node);
      if (values && values[field.key] !== undefined) built.write(values[field.key]);
    }
  }

  const authData = () => readForm(state.connectionControls);

  // ---- Connection ------------------------------------------------------------------------------------------------

  /** The account line, as the editor shows the step's connection: its label once tested. */
  function drawAccountSummary(result) {
    const summary = $('account-summary');
    clear(summary);
    if (result && result.outcome === 'connected')
      summary.append(
        'Connected as ',
        h('strong', { id: 'connection-label' }, result.label || '(an empty label)'),
        ' (the label Zapier gives this connection).',
      );
    else if (result) summary.append(h('strong', {}, 'Not connected: '), 'the connection test failed.');
    else {
      const { accountId, region } = authData();
      summary.append(
        `CleverTap account ${accountId || '(no Account ID)'}${region ? `, region ${region}` : ''}: not tested yet.`,
      );
    }
  }

  async function testConnection(event) {
    event.preventDefault();
    if (state.busy) return;
    const out = $('connection-result');
    await busy($('test-connection'), '', out, async () => {
      const result = await api('/api/connection/test', { authData: authData() });
      clear(out);
      drawAccountSummary(result);
      // As the editor's connect dialog: it closes once connected, and stays open on what failed.
      $('connection-details').open = result.outcome !== 'connected';
      if (result.outcome !== 'connected')
        out.append(errorBox(result.error, 'The connection test failed. The user sees:'));
    });
  }

  // ---- Actions ---------------------------------------------------------------------------------------------------

  /** The "Action event" dropdown, as the Zap editor offers an app's events: creates, then searches. */
  function drawActionList() {
    const select = $('action-select');
    clear(select);
    const groups = [
      ['create', 'Creates (actions that write to CleverTap)'],
      ['search', 'Searches (actions that find something)'],
    ];
    for (const [kind, legend] of groups) {
      const actions = state.definition.actions.filter((a) => a.kind === kind);
      if (!actions.length) continue;
      select.append(
        h(
          'optgroup',
          { label: legend },
          actions.map((action) =>
            h(
              'option',
              { value: `${action.kind}/${action.key}`, title: action.description },
              action.hidden ? `${action.label} (hidden in the Zap editor)` : action.label,
            ),
          ),
        ),
      );
    }
    select.addEventListener('change', () => {
      const action = state.definition.actions.find((a) => `${a.kind}/${a.key}` === select.value);
      if (action) chooseAction(action);
    });
  }

  function chooseAction(action) {
    if (state.action) state.saved.set(`${state.action.kind}/${state.action.key}`, readForm(state.controls));
    state.action = action;
    $('action-select').value = `${action.kind}/${action.key}`;
    clear($('action-about'));
    $('action-about').append(
      h(
        'p',
        { class: 'hint' },
        h('strong', {}, action.label),
        `: ${action.description} (${action.kind}, noun: ${action.noun}, key `,
        h('code', {}, action.key),
        ')',
      ),
      action.computedSources
        ? h(
            'p',
            { class: 'hint' },
            `${action.computedSources} entr${action.computedSources === 1 ? 'y' : 'ies'} of this action's inputFields ` +
              'are functions: the fields are computed through zapier-platform-core with the connection above.',
          )
        : '',
    );
    drawSamples(action);
    drawFields(
      $('action-fields'),
      state.controls,
      action.fields,
      state.saved.get(`${action.kind}/${action.key}`),
    );
    $('test-step').textContent = action.kind === 'search' ? 'Test step (search)' : 'Test step';
    if (action.computedSources) void refreshComputedFields();
  }

  /** Evaluates the action's inputFields through core (only when it has functions), keeping the values typed. */
  async function refreshComputedFields() {
    const action = state.action;
    if (!action || !action.computedSources) return;
    const values = readForm(state.controls);
    try {
      const { fields } = await api(`/api/actions/${action.kind}/${encodeURIComponent(action.key)}/fields`, {
        authData: authData(),
        form: values,
      });
      if (state.action !== action) return;
      drawFields($('action-fields'), state.controls, fields, values);
    } catch (error) {
      $('action-about').append(
        problemBox('The computed fields could not be loaded; the declared ones are shown.', error.message),
      );
    }
  }

  function drawSamples(action) {
    const container = $('samples');
    clear(container);
    const notes = h('div', { class: 'notes', id: 'sample-notes', 'aria-live': 'polite' });
    const samples = action.samples || [];
    container.append(
      h(
        'div',
        { class: 'samples' },
        samples.length
          ? samples.map((sample) =>
              h(
                'button',
                {
                  type: 'button',
                  onclick: () => {
                    for (const [key, control] of state.controls) control.write(sample.values[key]);
                    clear(notes);
                    notes.append(
                      h(
                        'p',
                        {},
                        `Filled from test/fixtures/${sample.source}, mapped as the user guide's HubSpot mappings say (docs/users.md):`,
                      ),
                      h(
                        'ul',
                        {},
                        sample.notes.map((n) => h('li', {}, n)),
                      ),
                    );
                  },
                },
                sample.label,
              ),
            )
          : h(
              'span',
              { class: 'hint' },
              'The user guide maps no HubSpot sample into this action: fill it in by hand.',
            ),
      ),
      notes,
    );
  }

  // ---- Test step -------------------------------------------------------------------------------------------------

  function errorBox(error, title) {
    const box = h(
      'div',
      { class: 'box problem', id: 'step-error' },
      h('p', {}, h('strong', {}, title)),
      h('p', { class: 'shown-message', id: 'shown-message' }, error.shown),
    );
    if (error.cut)
      box.append(
        h('p', {}, `Cut by Zapier (the user does not see these ${error.cut.length} characters):`),
        h('p', { class: 'cut-message', id: 'cut-message' }, h('del', {}, error.cut)),
      );
    box.append(
      h(
        'p',
        { class: 'hint' },
        `${error.name}: ${error.meaning} The message has ${error.message.length} characters; Zapier shows at most 250.`,
      ),
    );
    return box;
  }

  function outputTable(rows) {
    return h(
      'table',
      { id: 'output-table' },
      h('caption', { class: 'hint' }, 'What later Zap steps can map from this step'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Field'), h('th', { scope: 'col' }, 'Value'))),
      h(
        'tbody',
        {},
        rows.map((row) =>
          h(
            'tr',
            { 'data-key': row.key },
            h(
              'th',
              { scope: 'row' },
              row.label ? h('span', { class: 'output-label' }, row.label) : '',
              row.label ? ' ' : '',
              h('code', {}, row.key),
            ),
            h('td', {}, row.value),
          ),
        ),
      ),
    );
  }

  function drawStep(result) {
    const { step } = result;
    const out = $('step-result');
    clear(out);
    const action = state.action;
    if (step.outcome === 'output') {
      out.append(
        h(
          'div',
          { class: 'box ok' },
          h(
            'p',
            {},
            h('strong', {}, action.kind === 'search' ? 'The search found a result.' : 'The step succeeded.'),
          ),
          step.results > 1 ? h('p', {}, `${step.results} results; the Zap uses the first.`) : undefined,
        ),
        outputTable(step.rows),
        h('details', {}, h('summary', {}, 'The output as JSON'), h('pre', {}, json(step.output))),
      );
    } else if (step.outcome === 'noResult') {
      out.append(
        h(
          'div',
          { class: 'box ok', id: 'no-result' },
          h('p', {}, h('strong', {}, 'The search found nothing.')),
          h('p', {}, 'A Zap stops here, or Find or Create goes on to create.'),
        ),
      );
    } else if (step.outcome === 'missing') {
      out.append(
        problemBox(
          'Zapier would not test this step yet.',
          `Required field${step.missing.length > 1 ? 's are' : ' is'} empty: ${step.missing.join(', ')}.`,
        ),
      );
    } else {
      out.append(errorBox(step.error, 'The step failed. The Zap user sees:'));
    }
    out.append(
      h(
        'details',
        {},
        h('summary', {}, `bundle.inputData as the perform received it (time zone ${result.timezone})`),
        h('pre', { id: 'handed-over' }, json(step.handedOver)),
      ),
    );
  }

  function propertiesTable(caption, data) {
    const entries = Object.entries(data || {});
    if (!entries.length) return h('p', { class: 'hint' }, `${caption}: none.`);
    return h(
      'table',
      {},
      h('caption', { class: 'hint' }, caption),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Property'), h('th', { scope: 'col' }, 'Value'))),
      h(
        'tbody',
        {},
        entries.map(([name, value]) =>
          h('tr', {}, h('th', { scope: 'row' }, name), h('td', {}, textOf(value))),
        ),
      ),
    );
  }

  function drawCleverTap(side) {
    const out = $('clevertap-result');
    clear(out);
    if (side.problem) out.append(problemBox(side.problem));
    if (!side.running) return;
    out.append(h('h3', {}, `What the test server received for this step (${side.requests.length})`));
    if (!side.requests.length) out.append(h('p', { id: 'nothing-sent' }, 'Nothing was sent to CleverTap.'));
    side.requests.forEach((request, index) =>
      out.append(
        h(
          'details',
          { class: 'request', open: index < 2 },
          h(
            'summary',
            {},
            h('code', {}, `${request.method} ${request.path}`),
            ` → HTTP ${request.status || 'no answer (connection dropped)'}`,
            request.faults.length ? ` (fault: ${request.faults.join(', ')})` : '',
          ),
          request.body !== undefined
            ? h('p', { class: 'hint' }, 'Body (the passcode travels only in a header, never kept):')
            : undefined,
          request.body !== undefined ? h('pre', { class: 'request-body' }, json(request.body)) : undefined,
          h('p', { class: 'hint' }, 'Answer:'),
          h('pre', {}, typeof request.answer === 'string' ? request.answer : json(request.answer)),
        ),
      ),
    );
    out.append(
      h(
        'h3',
        {},
        side.users.length
          ? `What it now holds for ${side.users.join(', ')}`
          : 'What it now holds for the user',
      ),
    );
    if (!side.users.length) out.append(h('p', { class: 'hint' }, 'The step names no user.'));
    else if (!side.profiles.length && !side.events.length)
      out.append(h('p', { id: 'nothing-stored' }, 'Nothing is stored for this user.'));
    for (const profile of side.profiles)
      out.append(
        h(
          'div',
          { class: 'profile' },
          h(
            'p',
            {},
            h('strong', {}, 'Profile '),
            h('code', {}, profile.objectId),
            profile.identity ? ` (identity ${profile.identity})` : '',
          ),
          propertiesTable('Profile properties', profile.profileData),
        ),
      );
    if (side.events.length)
      out.append(
        h(
          'table',
          { id: 'events-table' },
          h('caption', { class: 'hint' }, `Events of the user (${side.events.length})`),
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'col' }, 'Event'),
              h('th', { scope: 'col' }, 'When (UTC)'),
              h('th', { scope: 'col' }, 'Properties'),
            ),
          ),
          h(
            'tbody',
            {},
            side.events.map((event) =>
              h(
                'tr',
                {},
                h('th', { scope: 'row' }, event.evtName),
                h('td', {}, new Date(event.ts * 1000).toISOString().replace('.000Z', 'Z')),
                h('td', {}, h('code', {}, JSON.stringify(event.evtData))),
              ),
            ),
          ),
        ),
      );
    for (const extra of side.extras)
      out.append(
        h('h3', {}, `${extra.title}, for this user`),
        isEmpty(extra.data) ? h('p', {}, 'Nothing for this user.') : h('pre', {}, json(extra.data)),
      );
  }

  async function testStep(event) {
    event.preventDefault();
    if (state.busy || !state.action) return;
    const action = state.action;
    await busy($('test-step'), `Running ${action.label}…`, $('step-result'), async () => {
      const result = await api(`/api/actions/${action.kind}/${encodeURIComponent(action.key)}/test`, {
        authData: authData(),
        form: readForm(state.controls),
        timezone: $('timezone').value,
        nextAnswer: $('next-answer').value,
      });
      drawStep(result);
      drawCleverTap(result.cleverTap);
      drawSandbox(result.sandbox);
      $('step-status').textContent = `${action.label}: ${
        {
          output: 'the step succeeded.',
          noResult: 'the search found nothing.',
          missing: 'required fields are empty.',
          error: 'the step failed.',
        }[result.step.outcome]
      }`;
    });
  }

  // ---- The test server -------------------------------------------------------------------------------------------

  function drawSandbox(sandbox) {
    const status = $('sandbox-status');
    clear(status);
    status.append(
      'The local CleverTap test server is ',
      sandbox.running
        ? h('span', { class: 'status-running', id: 'sandbox-running' }, 'running')
        : h('span', { class: 'status-stopped', id: 'sandbox-stopped' }, 'stopped'),
      sandbox.running
        ? ' on this machine, in place of CleverTap.'
        : ': steps meet a closed port, as when CleverTap cannot be reached.',
    );
    if (!sandbox.running) $('test-server').open = true;
    $('sandbox-toggle').textContent = sandbox.running
      ? 'Stop the test server'
      : 'Start the test server (empty)';
    $('sandbox-toggle').dataset.running = sandbox.running ? 'yes' : 'no';
    $('sandbox-reset').disabled = !sandbox.running;
  }

  async function sandboxCommand(command) {
    if (state.busy) return;
    await busy(
      $(command === 'reset' ? 'sandbox-reset' : 'sandbox-toggle'),
      '',
      $('clevertap-result'),
      async () => {
        const { sandbox } = await api(`/api/sandbox/${command}`, {});
        drawSandbox(sandbox);
        clear($('clevertap-result'));
        $('clevertap-result').append(
          h(
            'p',
            { class: 'hint' },
            {
              stop: 'The test server is stopped.',
              start: 'The test server is running again, empty.',
              reset: 'The test server holds nothing now.',
            }[command],
          ),
        );
      },
    );
  }

  // ---- Wiring ----------------------------------------------------------------------------------------------------

  /** Runs a task with its button disabled; a preview problem is shown in `where` (and never thrown on). */
  async function busy(button, status, where, task) {
    state.busy = true;
    const buttons = document.querySelectorAll('button');
    buttons.forEach((b) => (b.dataset.wasDisabled = b.disabled ? 'yes' : 'no'));
    buttons.forEach((b) => (b.disabled = true));
    if (status) $('step-status').textContent = status;
    where.setAttribute('aria-busy', 'true');
    try {
      notice('');
      await task();
    } catch (error) {
      const message =
        error instanceof PreviewError ? error.message : `The page failed: ${error && error.message}`;
      clear(where);
      where.append(problemBox('The preview could not do this.', message));
      if (status) $('step-status').textContent = message;
    } finally {
      where.removeAttribute('aria-busy');
      buttons.forEach((b) => (b.disabled = b.dataset.wasDisabled === 'yes'));
      state.busy = false;
      button.focus();
    }
  }

  async function start() {
    let definition;
    let session;
    try {
      [definition, session] = await Promise.all([api('/api/definition'), api('/api/session')]);
    } catch (error) {
      $('app-info').textContent = 'The app definition could not be loaded.';
      notice(error.message);
      return;
    }
    state.definition = definition;
    $('app-info').textContent =
      `App ${definition.app.version} on zapier-platform-core ${definition.app.platformVersion}: ` +
      `${definition.actions.length} actions, read from the app's public entry.`;
    drawFields(
      $('connection-fields'),
      state.connectionControls,
      definition.connection.fields,
      session.authData,
    );
    drawAccountSummary();
    drawSandbox(session.sandbox);
    const timezone = $('timezone');
    definition.timezones.forEach((tz) => timezone.append(h('option', { value: tz }, tz)));
    timezone.value = 'UTC';
    const next = $('next-answer');
    definition.nextAnswers.forEach((a) => next.append(h('option', { value: a.value }, a.label)));
    drawActionList();
    $('connection-form').addEventListener('submit', testConnection);
    $('action-form').addEventListener('submit', testStep);
    $('sandbox-toggle').addEventListener('click', () =>
      sandboxCommand($('sandbox-toggle').dataset.running === 'yes' ? 'stop' : 'start'),
    );
    $('sandbox-reset').addEventListener('click', () => sandboxCommand('reset'));
    if (definition.actions.length) chooseAction(definition.actions[0]);
    else $('action-about').append(h('p', {}, 'The app definition has no creates or searches.'));
  }

  document.addEventListener('DOMContentLoaded', () => {
    start().catch((error) => notice(`The page failed to start: ${error && error.message}`));
  });
})();
