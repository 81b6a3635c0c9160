// The chain view's graph: the dashboard's own graph model (/tokens/{jti}/graph) drawn with cytoscape.
// Parties are nodes (user, agents, MCP servers, upstream APIs); the grant and each token are edges.
(function () {
  'use strict';
  var container = document.getElementById('chain-graph');
  if (!container || typeof window.cytoscape !== 'function') { return; }

  var COLOURS = { USER: '#2950a3', AGENT: '#6b3fa0', MCP_SERVER: '#1f7a6d', RESOURCE_SERVER: '#8a5a00',
                  APPLICATION: '#44546a', UPSTREAM: '#8a5a00', unknown: '#777' };

  function elements(graph) {
    var nodes = graph.nodes.map(function (n) {
      return { group: 'nodes', data: { id: n.id, label: n.label + '\n' + n.kind.replace('_', ' ').toLowerCase()
               + (n.revoked ? '\nREVOKED' : ''), kind: n.kind, href: n.href, revoked: n.revoked,
               colour: COLOURS[n.kind] || COLOURS.unknown } };
    });
    var edges = graph.edges.map(function (e) {
      var label = (e.grant ? 'grant: ' : '') + (e.scopes.length ? e.scopes.join(' ') : 'no scope');
      if (e.narrowed.length) { label += '\n−' + e.narrowed.join(' −'); }
      if (e.exceeding.length) { label += '\nEXCEEDS: ' + e.exceeding.join(' '); }
      if (e.revoked) { label += '\nREVOKED'; }
      return { group: 'edges', data: { id: e.id, source: e.source, target: e.target, label: label, href: e.href,
               jti: e.jti, grant: e.grant, revoked: e.revoked, selected: e.selected, scopes: e.scopes,
               narrowed: e.narrowed, status: e.status } };
    });
    return nodes.concat(edges);
  }

  var cy = null;

  function draw(graph) {
    var loading = document.getElementById('graph-loading');
    if (loading) { loading.remove(); }
    if (cy) { cy.destroy(); }
    var roots = graph.nodes.filter(function (n) { return n.kind === 'USER'; }).map(function (n) { return n.id; });
    cy = window.cytoscape({
      container: container,
      elements: elements(graph),
      minZoom: 0.2, maxZoom: 2.5, wheelSensitivity: 0.3,
      style: [
        { selector: 'node', style: { 'shape': 'round-rectangle', 'background-color': 'data(colour)', 'label': 'data(label)',
            'color': '#fff', 'text-wrap': 'wrap', 'text-valign': 'center', 'font-size': 11, 'width': 130, 'height': 54,
            'border-width': 0 } },
        { selector: 'node[kind = "USER"]', style: { 'shape': 'ellipse' } },
        { selector: 'node[?revoked]', style: { 'background-color': '#a32929', 'border-width': 4, 'border-color': '#5e0f0f',
            'border-style': 'dashed' } },
        { selector: 'edge', style: { 'curve-style': 'bezier', 'target-arrow-shape': 'triangle', 'width': 2,
            'line-color': '#5b6575', 'target-arrow-color': '#5b6575', 'label': 'data(label)', 'text-wrap': 'wrap',
            'font-size': 10, 'text-background-color': '#fff', 'text-background-opacity': 0.9,
            'text-background-padding': 2 } },
        { selector: 'edge[?grant]', style: { 'line-color': '#2950a3', 'target-arrow-color': '#2950a3' } },
        { selector: 'edge[?selected]', style: { 'width': 4 } },
        { selector: 'edge[?revoked]', style: { 'line-color': '#a32929', 'target-arrow-color': '#a32929',
            'line-style': 'dashed', 'color': '#a32929' } }
      ],
      layout: { name: 'breadthfirst', directed: true, roots: roots, spacingFactor: 1.3, padding: 30, animate: false,
                // Milliseconds from navigation start to the layout's end: the browser test of a chain of a few
                // hundred parties reads it to show the graph stays quick to draw.
                stop: function () { container.setAttribute('data-layout-done-ms', String(Math.round(performance.now()))); } }
    });
    cy.on('tap', 'node, edge', function (event) {
      var href = event.target.data('href');
      if (href) { window.location.href = href; }
    });
    // Tests and people poking around in the console read the drawn graph here.
    window.mandateGraph = cy;
    container.setAttribute('data-drawn', 'true');
    container.setAttribute('data-revoked-edges', String(cy.edges('[?revoked]').length));
  }

  function load() {
    var error = document.getElementById('graph-error');
    fetch(container.getAttribute('data-graph-url'), { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok) { throw new Error(response.status === 401 ? 'Your session expired: reload the page.'
                                             : 'The chain cannot be drawn right now (' + response.status + ').'); }
        return response.json();
      })
      .then(function (graph) { error.hidden = true; draw(graph); })
      .catch(function (e) { error.textContent = e.message; error.hidden = false; });
  }

  // After a revocation on this page, draw the chain again from the query side's answer.
  document.addEventListener('mandate:revoked', load);
  // The first drawing uses the model the page came with (data-graph); /graph only when it is missing.
  var served = container.getAttribute('data-graph');
  if (served) {
    try { draw(JSON.parse(served)); return; } catch (e) { /* fall back to asking /graph */ }
  }
  load();
})();
