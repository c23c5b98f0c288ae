import type { TemplateKey } from './template-keys.js';
import type { MailTemplateText } from './template-renderer.js';

// The English defaults. HTML bodies are fragments: the shared layout adds the clinic's name
// above and its contacts below. Pieces shared by several templates are spliced in here, at
// build time, as template source; merged values only ever pass through Liquid's escaping.

const DETAILS = `<table class="details" role="presentation">
  <tr><th>Specialist</th><td>{{ appointment.specialist.name }}, {{ appointment.specialist.specialty }}</td></tr>
  <tr><th>Date</th><td>{{ appointment.weekday }}, {{ appointment.date }}</td></tr>
  <tr><th>Time</th><td>{{ appointment.time }}</td></tr>
  <tr><th>Address</th><td>{{ clinic.address }}</td></tr>
</table>`;

const DETAILS_TEXT = `Specialist: {{ appointment.specialist.name }}, {{ appointment.specialist.specialty }}
Date: {{ appointment.weekday }}, {{ appointment.date }}
Time: {{ appointment.time }}
Address: {{ clinic.address }}`;

const SIGNATURE = `<p>Kind regards,<br>The {{ clinic.name }} team</p>`;

const SIGNATURE_TEXT = `Kind regards,
The {{ clinic.name }} team
{{ clinic.address }}
{{ clinic.phone }} · {{ clinic.email }}`;

export const EN_TEMPLATES: Record<TemplateKey, MailTemplateText> = {
  booking_confirm_request: {
    subject: 'Please confirm your appointment on {{ appointment.date }} at {{ appointment.time }}',
    html: `<p>Hello {{ client.name }},</p>
<p>Thank you for choosing {{ clinic.name }}. One step is left: please confirm your appointment.</p>
${DETAILS}
<p class="center"><a class="button" href="{{ links.confirm }}">Confirm my appointment</a></p>
<p>The link works for {{ expiresInMinutes }} minutes. If the appointment is not confirmed by then, the time is released for other clients.</p>
<p class="muted">Didn’t book anything? Simply ignore this e-mail: an unconfirmed booking is cancelled automatically.</p>
${SIGNATURE}`,
    text: `Hello {{ client.name }},

Thank you for choosing {{ clinic.name }}. One step is left: please confirm your appointment by opening this link:
{{ links.confirm }}

${DETAILS_TEXT}

The link works for {{ expiresInMinutes }} minutes. If the appointment is not confirmed by then, the time is released for other clients.
Didn’t book anything? Simply ignore this e-mail: an unconfirmed booking is cancelled automatically.

${SIGNATURE_TEXT}`,
  },

  booking_thank_you: {
    subject: 'Thank you! We have your appointment on {{ appointment.date }}',
    html: `<p>Hello {{ client.name }},</p>
<p>Thank you for confirming your appointment and for trusting {{ clinic.name }}.</p>
${DETAILS}
<h2>What happens next</h2>
<ol>
  <li>Our manager confirms the time with {{ appointment.specialist.name }} and sends you a final confirmation with a calendar invite.</li>
  <li>If your plans change, move or cancel the appointment in your client portal at least {{ cutoffHours }} hours before it starts. After that, please call us on {{ clinic.phone }}.</li>
  <li>Please arrive 10 minutes early and bring an ID and the results of any earlier tests.</li>
</ol>
<p class="center"><a class="button" href="{{ links.portal }}">Open my client portal</a></p>
${SIGNATURE}`,
    text: `Hello {{ client.name }},

Thank you for confirming your appointment and for trusting {{ clinic.name }}.

${DETAILS_TEXT}

What happens next:
1. Our manager confirms the time with {{ appointment.specialist.name }} and sends you a final confirmation with a calendar invite.
2. If your plans change, move or cancel the appointment in your client portal at least {{ cutoffHours }} hours before it starts. After that, please call us on {{ clinic.phone }}.
3. Please arrive 10 minutes early and bring an ID and the results of any earlier tests.

Your client portal: {{ links.portal }}

${SIGNATURE_TEXT}`,
  },

  booking_approved: {
    subject: 'Your appointment is confirmed: {{ appointment.date }} at {{ appointment.time }}',
    html: `<p>Hello {{ client.name }},</p>
<p>Good news: the clinic has confirmed your appointment. We look forward to seeing you.</p>
${DETAILS}
<p>A calendar invite is attached: add the visit to your calendar in one click.</p>
<p>Need to move or cancel? You can do it in your client portal up to {{ cutoffHours }} hours before the appointment.</p>
<p class="center"><a class="button" href="{{ links.portal }}">Manage my appointment</a></p>
${SIGNATURE}`,
    text: `Hello {{ client.name }},

Good news: the clinic has confirmed your appointment. We look forward to seeing you.

${DETAILS_TEXT}

A calendar invite is attached: add the visit to your calendar in one click.
Need to move or cancel? You can do it in your client portal up to {{ cutoffHours }} hours before the appointment:
{{ links.portal }}

${SIGNATURE_TEXT}`,
  },

  booking_rescheduled: {
    subject: 'Your appointment has moved to {{ appointment.date }} at {{ appointment.time }}',
    html: `<p>Hello {{ client.name }},</p>
<p>Your appointment with {{ appointment.specialist.name }} has moved.</p>
<table class="details" role="presentation">
  <tr><th>Was</th><td><s>{{ previous.date }}, {{ previous.time }}</s></td></tr>
  <tr><th>Now</th><td><strong>{{ appointment.weekday }}, {{ appointment.date }}, {{ appointment.time }}</strong></td></tr>
  <tr><th>Address</th><td>{{ clinic.address }}</td></tr>
</table>
{% if changedBy %}<p class="muted">Changed by: {{ changedBy }}.</p>{% endif %}
<p>If the new time doesn’t suit you, change it in your client portal or call us on {{ clinic.phone }}.</p>
<p class="center"><a class="button" href="{{ links.portal }}">Manage my appointment</a></p>
${SIGNATURE}`,
    text: `Hello {{ client.name }},

Your appointment with {{ appointment.specialist.name }} has moved.

Was: {{ previous.date }}, {{ previous.time }}
Now: {{ appointment.weekday }}, {{ appointment.date }}, {{ appointment.time }}
Address: {{ clinic.address }}
{% if changedBy %}Changed by: {{ changedBy }}.
{% endif %}
If the new time doesn’t suit you, change it in your client portal or call us on {{ clinic.phone }}:
{{ links.portal }}

${SIGNATURE_TEXT}`,
  },

  booking_cancelled: {
    subject: 'Your appointment on {{ appointment.date }} has been cancelled',
    html: `<p>Hello {{ client.name }},</p>
<p>Your appointment with {{ appointment.specialist.name }} on {{ appointment.weekday }}, {{ appointment.date }} at {{ appointment.time }} has been cancelled.{% if changedBy %} Cancelled by: {{ changedBy }}.{% endif %}</p>
<p>We would be glad to see you another time: choose a time that suits you.</p>
<p class="center"><a class="button" href="{{ links.bookAgain }}">Book again</a></p>
<p class="muted">Didn’t cancel it yourself, or have a question? Call us on {{ clinic.phone }}.</p>
${SIGNATURE}`,
    text: `Hello {{ client.name }},

Your appointment with {{ appointment.specialist.name }} on {{ appointment.weekday }}, {{ appointment.date }} at {{ appointment.time }} has been cancelled.{% if changedBy %} Cancelled by: {{ changedBy }}.{% endif %}

We would be glad to see you another time. Book again: {{ links.bookAgain }}

Didn’t cancel it yourself, or have a question? Call us on {{ clinic.phone }}.

${SIGNATURE_TEXT}`,
  },

  appointment_reminder: {
    subject: 'Reminder: your appointment {{ reminder.label }} at {{ appointment.time }}',
    html: `<p>Hello {{ client.name }},</p>
<p>A friendly reminder: your appointment at {{ clinic.name }} is {{ reminder.label }}.</p>
${DETAILS}
<p>Can’t make it? Please move or cancel the appointment in your client portal at least {{ cutoffHours }} hours before it starts, so another client can have the time.</p>
<p class="center"><a class="button" href="{{ links.portal }}">Manage my appointment</a></p>
${SIGNATURE}`,
    text: `Hello {{ client.name }},

A friendly reminder: your appointment at {{ clinic.name }} is {{ reminder.label }}.

${DETAILS_TEXT}

Can’t make it? Please move or cancel the appointment in your client portal at least {{ cutoffHours }} hours before it starts, so another client can have the time:
{{ links.portal }}

${SIGNATURE_TEXT}`,
  },

  no_show_follow_up: {
    subject: 'We missed you: choose a new time with {{ appointment.specialist.name }}',
    html: `<p>Hello {{ client.name }},</p>
<p>We didn’t see you at your appointment on {{ appointment.date }} at {{ appointment.time }}. We hope everything is all right.</p>
{% for slot in offeredSlots %}{% if forloop.first %}<p>These are the earliest free times with {{ appointment.specialist.name }} ({{ appointment.specialist.specialty }}). Click one and it is booked for you:</p>
{% endif %}<p class="center"><a class="button" href="{{ slot.url }}">{{ slot.weekday }}, {{ slot.date }}, {{ slot.time }}</a></p>
{% else %}<p>{{ appointment.specialist.name }} has no free time in the next few days.</p>
{% endfor %}<p>None of these suits you? <a href="{{ links.bookAgain }}">Choose another time on our website</a> or get in touch:</p>
<table class="details" role="presentation">
  <tr><th>Phone</th><td>{{ clinic.phone }}</td></tr>
  <tr><th>E-mail</th><td>{{ clinic.email }}</td></tr>
  <tr><th>Address</th><td>{{ clinic.address }}</td></tr>
</table>
${SIGNATURE}`,
    text: `Hello {{ client.name }},

We didn’t see you at your appointment on {{ appointment.date }} at {{ appointment.time }}. We hope everything is all right.
{% for slot in offeredSlots %}{% if forloop.first %}
These are the earliest free times with {{ appointment.specialist.name }} ({{ appointment.specialist.specialty }}). Open a link and it is booked for you:
{% endif %}- {{ slot.weekday }}, {{ slot.date }}, {{ slot.time }}: {{ slot.url }}
{% else %}
{{ appointment.specialist.name }} has no free time in the next few days.
{% endfor %}
None of these suits you? Choose another time on our website: {{ links.bookAgain }}
Or get in touch: {{ clinic.phone }}, {{ clinic.email }}, {{ clinic.address }}

${SIGNATURE_TEXT}`,
  },

  hold_expired: {
    subject: 'Your unconfirmed time on {{ appointment.date }} has been released',
    html: `<p>Hello {{ client.name }},</p>
<p>You booked an appointment with {{ appointment.specialist.name }} on {{ appointment.date }} at {{ appointment.time }}, but it wasn’t confirmed in time, so the time has been released.</p>
<p>Would you like to book again? It only takes a minute.</p>
<p class="center"><a class="button" href="{{ links.bookAgain }}">Book again</a></p>
<p class="muted">Questions? Call us on {{ clinic.phone }}.</p>
${SIGNATURE}`,
    text: `Hello {{ client.name }},

You booked an appointment with {{ appointment.specialist.name }} on {{ appointment.date }} at {{ appointment.time }}, but it wasn’t confirmed in time, so the time has been released.

Would you like to book again? It only takes a minute: {{ links.bookAgain }}
Questions? Call us on {{ clinic.phone }}.

${SIGNATURE_TEXT}`,
  },

  magic_link: {
    subject: 'Your sign-in link for {{ clinic.name }}',
    html: `<p>Hello {{ client.name }},</p>
<p>Click the button to sign in to your client portal.</p>
<p class="center"><a class="button" href="{{ links.signIn }}">Sign in</a></p>
<p>The link works for {{ expiresInMinutes }} minutes and only once.</p>
<p class="muted">Didn’t try to sign in? Ignore this e-mail: without the link nobody can enter your portal.</p>
${SIGNATURE}`,
    text: `Hello {{ client.name }},

Open this link to sign in to your client portal:
{{ links.signIn }}

The link works for {{ expiresInMinutes }} minutes and only once.
Didn’t try to sign in? Ignore this e-mail: without the link nobody can enter your portal.

${SIGNATURE_TEXT}`,
  },

  message_to_client: {
    subject: 'New reply from {{ clinic.name }}',
    html: `<p>Hello {{ client.name }},</p>
<p>The clinic has answered your message:</p>
<blockquote class="quote">{{ message.text }}</blockquote>
<p class="muted">{{ message.from }}</p>
<p class="center"><a class="button" href="{{ links.portal }}">Reply in my client portal</a></p>
${SIGNATURE}`,
    text: `Hello {{ client.name }},

The clinic has answered your message:

{{ message.text }}

{{ message.from }}

Reply in your client portal: {{ links.portal }}

${SIGNATURE_TEXT}`,
  },

  message_to_staff: {
    subject: 'New message from a client: {{ client.name }}',
    html: `<p>{{ client.name }} ({{ client.email }}) has written to the clinic:</p>
<blockquote class="quote">{{ message.text }}</blockquote>
<p class="center"><a class="button" href="{{ links.console }}">Open in the console</a></p>
<p class="muted">Reply from the console: the client gets your answer by e-mail and in their portal.</p>`,
    text: `{{ client.name }} ({{ client.email }}) has written to the clinic:

{{ message.text }}

Open in the console: {{ links.console }}
Reply from the console: the client gets your answer by e-mail and in their portal.`,
  },

  email_change_confirm: {
    subject: 'Please confirm your new e-mail address',
    html: `<p>Hello {{ client.name }},</p>
<p>You asked {{ clinic.name }} to send e-mails to this address ({{ client.email }}). Please confirm it is yours.</p>
<p class="center"><a class="button" href="{{ links.confirmEmail }}">Confirm this address</a></p>
<p>The link works for {{ expiresInMinutes }} minutes.</p>
<p class="muted">Wasn’t this you? Ignore this e-mail and your address stays as it was.</p>
${SIGNATURE}`,
    text: `Hello {{ client.name }},

You asked {{ clinic.name }} to send e-mails to this address ({{ client.email }}). Please confirm it is yours:
{{ links.confirmEmail }}

The link works for {{ expiresInMinutes }} minutes.
Wasn’t this you? Ignore this e-mail and your address stays as it was.

${SIGNATURE_TEXT}`,
  },

  client_changed_booking: {
    subject: '{% if appointment.status == "cancelled" %}A client cancelled{% else %}A client moved{% endif %} an appointment: {{ client.name }}, {{ appointment.date }}',
    html: `{% if appointment.status == "cancelled" %}<p>{{ client.name }} cancelled an appointment in the client portal.</p>
${DETAILS}
{% else %}<p>{{ client.name }} moved an appointment in the client portal.</p>
<table class="details" role="presentation">
  <tr><th>Specialist</th><td>{{ appointment.specialist.name }}, {{ appointment.specialist.specialty }}</td></tr>
  <tr><th>Was</th><td><s>{{ previous.date }}, {{ previous.time }}</s></td></tr>
  <tr><th>Now</th><td><strong>{{ appointment.weekday }}, {{ appointment.date }}, {{ appointment.time }}</strong></td></tr>
</table>
{% endif %}<p>Client: {{ client.name }}, {{ client.email }}</p>
<p class="center"><a class="button" href="{{ links.console }}">Open in the console</a></p>`,
    text: `{% if appointment.status == "cancelled" %}{{ client.name }} cancelled an appointment in the client portal.

${DETAILS_TEXT}
{% else %}{{ client.name }} moved an appointment in the client portal.

Specialist: {{ appointment.specialist.name }}, {{ appointment.specialist.specialty }}
Was: {{ previous.date }}, {{ previous.time }}
Now: {{ appointment.weekday }}, {{ appointment.date }}, {{ appointment.time }}
{% endif %}
Client: {{ client.name }}, {{ client.email }}
Open in the console: {{ links.console }}`,
  },
};
