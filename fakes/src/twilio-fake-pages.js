// The Twilio fake's two pages: GET / (live calls, queues and registered softphones) and GET /phone
// (a caller's phone in the browser: dials over the fake's WebSocket, shows what the caller hears,
// and talks WebRTC audio straight to the operator's softphone once the fake bridges them).

const escapeHtml = (/** @type {unknown} */ s) =>
  String(s ?? '').replace(
    /[&<>"']/g,
    (c) =>
      /** @type {Record<string, string>} */ ({
        '&': '&amp;',
        '<': '&lt;',
        '>': '&gt;',
        '"': '&quot;',
        "'": '&#39;',
      })[c],
  );

const STATUS_JA = /** @type {Record<string, string>} */ ({
  queued: '発信準備',
  initiated: '発信開始',
  ringing: '呼び出し中',
  'in-progress': '通話中',
  completed: '終了',
  busy: '話し中',
  'no-answer': '応答なし',
  canceled: '取り消し',
  failed: '失敗',
});

/**
 * The status page: calls newest first (live ones on top), queues, registered softphones.
 * @param {{ calls: any[], queues: any[], identities: string[], accountSid: string, voiceUrl: string | null }} s
 */
export function statusPage(s) {
  const live = s.calls.filter((c) => !c.endTime);
  const done = s.calls.filter((c) => c.endTime).slice(0, 30);
  const row = (/** @type {any} */ c) => `<tr class="${c.endTime ? 'ended' : 'live'}">
  <td><a href="/_fake/calls/${escapeHtml(c.sid)}"><code>${escapeHtml(c.sid)}</code></a>${
    c.parentCallSid ? `<br><small>親 <code>${escapeHtml(c.parentCallSid)}</code></small>` : ''
  }</td>
  <td>${escapeHtml(c.from)}</td><td>${escapeHtml(c.to)}</td>
  <td>${escapeHtml(STATUS_JA[c.status] ?? c.status)} <small>(${escapeHtml(c.status)})</small></td>
  <td>${c.queue ? escapeHtml(c.queue.name) : ''}${c.dialing ? (c.dialing.bridged ? '接続中' : '呼び出し中') : ''}</td>
  <td>${escapeHtml(c.transcript.at(-1)?.text ?? '')}</td>
  <td>${c.duration ?? ''}</td>
</tr>`;
  const table = (/** @type {any[]} */ rows) =>
    rows.length
      ? `<table><thead><tr><th>CallSid</th><th>発信元</th><th>発信先</th><th>状態</th><th>待ち行列/転送</th><th>最後の音声</th><th>秒</th></tr></thead><tbody>${rows
          .map(row)
          .join('')}</tbody></table>`
      : '<p>なし</p>';
  return `<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><meta http-equiv="refresh" content="2">
<title>Twilio fake</title>
<style>body{font-family:sans-serif;margin:1.5rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .5rem;font-size:.9rem;vertical-align:top}tr.ended{color:#777}code{font-size:.8rem}</style>
</head><body>
<h1>Twilio fake（開発用）</h1>
<p>アカウント <code>${escapeHtml(s.accountSid)}</code> ・ 着信 Webhook <code>${escapeHtml(s.voiceUrl ?? '（未設定）')}</code> ・
<a href="/phone">電話をかける（/phone）</a> ・ <a href="/_fake/calls">/_fake/calls</a> ・ <a href="/_fake/webhooks">/_fake/webhooks</a></p>
<h2>通話中（${live.length}）</h2>${table(live)}
<h2>待ち行列</h2>${
    s.queues.length
      ? `<ul>${s.queues
          .map(
            (q) =>
              `<li>${escapeHtml(q.friendly_name)} <code>${escapeHtml(q.sid)}</code>: ${q.current_size} 人待ち（平均 ${q.average_wait_time} 秒）</li>`,
          )
          .join('')}</ul>`
      : '<p>なし</p>'
  }
<h2>登録中のソフトフォン</h2>${
    s.identities.length
      ? `<ul>${s.identities.map((i) => `<li><code>${escapeHtml(i)}</code></li>`).join('')}</ul>`
      : '<p>なし</p>'
  }
<h2>終了した通話（最近 30 件）</h2>${table(done)}
</body></html>`;
}

/** The phone page. All logic is inline so the page works from the fake alone (no bundler). */
export function phonePage() {
  return `<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>電話（開発用）</title>
<style>
body{font-family:sans-serif;margin:1.5rem;max-width:40rem}
label{display:block;margin:.4rem 0}input{font-size:1.1rem;padding:.2rem .4rem;width:12rem}
button{font-size:1.1rem;padding:.3rem 1.2rem;margin:.6rem .6rem 0 0}
#status{margin:.8rem 0;font-weight:bold}#transcript li{margin:.2rem 0}
#media{color:#555;font-size:.9rem}
</style></head><body>
<h1>電話（開発用）</h1>
<p>Twilio fake に着信を発生させる電話です。オペレーターが応答すると、ブラウザー同士で音声がつながります（WebRTC）。</p>
<label>発信元 <input id="from" value="090-1234-5678" autocomplete="off"></label>
<label>発信先 <input id="to" value="03-4500-0001" autocomplete="off"></label>
<button id="dial" type="button">発信</button><button id="hangup" type="button" disabled>切る</button>
<div id="status" role="status">待機中</div>
<div id="media">音声: <span id="connection">なし</span></div>
<h2>聞こえた案内</h2>
<ol id="transcript"></ol>
<audio id="remote" autoplay></audio>
<script>
(() => {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const toE164 = (n) => {
    const d = String(n).trim().replace(/[\\s\\-()]/g, '');
    if (/^0\\d{9,10}$/.test(d)) return '+81' + d.slice(1);
    return d;
  };
  const STATUS = { ringing: '呼び出し中', queued: '順番待ち', connected: '通話中', hold: '保留中', ended: '終了' };
  const wsUrl = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws';
  let ws = null;
  let callSid = null;
  let localStream = null;
  // One RTCPeerConnection per bridge (a hold ends it, a resume starts a new one).
  let pc = null;
  let mediaCallSid = null;
  let remoteDescriptionSet = false;
  let pendingCandidates = [];
  let lastState = 'new';
  const totals = { inboundBytes: 0, outboundBytes: 0 };
  const transcript = [];

  function setStatus(text) { $('status').textContent = text; }
  function setConnection(state) { lastState = state; $('connection').textContent = state; }
  function send(msg) { if (ws && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(msg)); }

  function openSocket() {
    return new Promise((resolve, reject) => {
      if (ws && ws.readyState === WebSocket.OPEN) return resolve(ws);
      const socket = new WebSocket(wsUrl);
      socket.onopen = () => { ws = socket; resolve(socket); };
      socket.onerror = () => reject(new Error('WebSocket に接続できません'));
      socket.onclose = () => { if (ws === socket) { ws = null; if (callSid) ended('接続が切れました'); } };
      socket.onmessage = (e) => { let m; try { m = JSON.parse(e.data); } catch { return; } onMessage(m).catch((err) => console.error(err)); };
    });
  }

  async function onMessage(m) {
    switch (m.type) {
      case 'call': callSid = m.callSid; $('hangup').disabled = false; break;
      case 'status': setStatus((STATUS[m.status] || m.status) + (m.detail ? '：' + m.detail : '')); if (m.status === 'hold') stopMedia(); break;
      case 'say': {
        transcript.push(m.text);
        const li = document.createElement('li'); li.textContent = m.text; $('transcript').appendChild(li);
        break;
      }
      case 'ended': ended('通話が終了しました'); break;
      case 'media-start': await startMedia(m.callSid, m.role); break;
      case 'media-stop': if (m.callSid === mediaCallSid) stopMedia(); break;
      case 'signal': await onSignal(m); break;
      case 'error': setStatus('エラー: ' + m.message); break;
    }
  }

  function newPeer(sid) {
    stopMedia();
    mediaCallSid = sid;
    remoteDescriptionSet = false;
    pendingCandidates = [];
    // No STUN/TURN: both browsers run on this machine and connect on host candidates.
    pc = new RTCPeerConnection({ iceServers: [] });
    const mine = pc;
    if (localStream) for (const track of localStream.getTracks()) pc.addTrack(track, localStream);
    else pc.addTransceiver('audio', { direction: 'sendrecv' });
    pc.onicecandidate = (e) => { if (e.candidate && pc === mine) send({ type: 'signal', callSid: sid, data: { candidate: e.candidate.toJSON() } }); };
    pc.ontrack = (e) => { $('remote').srcObject = e.streams[0] || new MediaStream([e.track]); };
    pc.onconnectionstatechange = () => { if (pc === mine) setConnection(pc.connectionState); };
    setConnection('new');
    return pc;
  }

  async function startMedia(sid, role) {
    const peer = newPeer(sid);
    if (role === 'offer') {
      const offer = await peer.createOffer();
      await peer.setLocalDescription(offer);
      send({ type: 'signal', callSid: sid, data: { description: peer.localDescription.toJSON() } });
    }
  }

  async function onSignal(m) {
    const raw = m.data || {};
    // { description } / { candidate } as this page sends them; a bare description or candidate too.
    const data = raw.description || raw.candidate && typeof raw.candidate === 'object' ? raw
      : raw.type && raw.sdp ? { description: raw } : typeof raw.candidate === 'string' ? { candidate: raw } : {};
    if (!pc || m.callSid !== mediaCallSid) newPeer(m.callSid);
    const peer = pc;
    if (data.description) {
      await peer.setRemoteDescription(data.description);
      remoteDescriptionSet = true;
      // Candidates that came before the description could not be added yet.
      const queued = pendingCandidates; pendingCandidates = [];
      for (const c of queued) await peer.addIceCandidate(c).catch((err) => console.warn('ICE', err));
      if (data.description.type === 'offer') {
        await peer.setLocalDescription(await peer.createAnswer());
        send({ type: 'signal', callSid: m.callSid, data: { description: peer.localDescription.toJSON() } });
      }
    } else if (data.candidate) {
      if (remoteDescriptionSet) await peer.addIceCandidate(data.candidate).catch((err) => console.warn('ICE', err));
      else pendingCandidates.push(data.candidate);
    }
  }

  async function collectStats(peer) {
    let inbound = 0, outbound = 0;
    if (!peer) return { inbound, outbound };
    const report = await peer.getStats();
    report.forEach((s) => {
      if (s.type === 'inbound-rtp' && (s.kind || s.mediaType) === 'audio') inbound += s.bytesReceived || 0;
      if (s.type === 'outbound-rtp' && (s.kind || s.mediaType) === 'audio') outbound += s.bytesSent || 0;
    });
    return { inbound, outbound };
  }

  function stopMedia() {
    if (!pc) return;
    const old = pc;
    pc = null;
    mediaCallSid = null;
    // Keep the bytes of a finished bridge in the totals before the connection goes away.
    collectStats(old).then((s) => { totals.inboundBytes += s.inbound; totals.outboundBytes += s.outbound; }).catch(() => {}).finally(() => old.close());
    setConnection('closed');
    $('remote').srcObject = null;
  }

  function ended(text) {
    stopMedia();
    callSid = null;
    setStatus(text);
    $('dial').disabled = false;
    $('hangup').disabled = true;
  }

  async function dial() {
    $('dial').disabled = true;
    transcript.length = 0;
    $('transcript').textContent = '';
    try {
      if (!localStream) {
        try { localStream = await navigator.mediaDevices.getUserMedia({ audio: true, video: false }); }
        catch (err) { console.warn('マイクを使えません', err); setStatus('マイクを使えません（音声なしで発信します）'); }
      }
      await openSocket();
      send({ type: 'dial', from: toE164($('from').value), to: toE164($('to').value) });
      setStatus('発信中');
    } catch (err) {
      setStatus('発信できません: ' + err.message);
      $('dial').disabled = false;
    }
  }

  function hangUp() { send({ type: 'hangup' }); }

  $('dial').addEventListener('click', dial);
  $('hangup').addEventListener('click', hangUp);

  window.phone = {
    dial, hangUp,
    get callSid() { return callSid; },
    transcript: () => [...transcript],
    /** Bytes of audio RTP received/sent so far (all bridges of this page) and the current connection state. */
    async stats() {
      const now = await collectStats(pc).catch(() => ({ inbound: 0, outbound: 0 }));
      return {
        inboundBytes: totals.inboundBytes + now.inbound,
        outboundBytes: totals.outboundBytes + now.outbound,
        connectionState: pc ? pc.connectionState : lastState,
      };
    },
  };
})();
</script>
</body></html>`;
}
