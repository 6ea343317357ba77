/** The small HTML page an emailed link opens: the conversation as the visitor sees it and a reply box. No script, no inline style. */
import type { Message } from '@parley/protocol';

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer"><title>${escape(title)}</title></head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}

export function replyPage(input: { siteName: string; messages: Message[]; token: string; action: string; sent: boolean }): string {
  const items = input.messages
    .map((message) => {
      const who = message.author.kind === 'visitor' ? 'You' : message.author.kind === 'agent' ? (message.author.name ?? input.siteName) : input.siteName;
      return `<li><strong>${escape(who)}</strong> <time datetime="${escape(message.createdAt)}">${escape(message.createdAt.slice(0, 16).replace('T', ' '))} UTC</time><p dir="auto">${escape(message.body)}</p></li>`;
    })
    .join('\n');
  return layout(
    `Your conversation with ${input.siteName}`,
    `<h1>Your conversation with ${escape(input.siteName)}</h1>
${input.sent ? '<p role="status">Your reply was sent. We will email you when we answer.</p>' : ''}
<ol>
${items}
</ol>
<form method="post" action="${escape(input.action)}">
<input type="hidden" name="t" value="${escape(input.token)}">
<label for="body">Your reply</label><br>
<textarea id="body" name="body" rows="6" cols="60" required maxlength="8000"></textarea><br>
<button type="submit">Send reply</button>
</form>`,
  );
}

export function problemPage(message: string): string {
  return layout('Link not usable', `<h1>This link cannot be used</h1>\n<p>${escape(message)}</p>`);
}
