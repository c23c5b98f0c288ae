import type { TemplateKey } from './template-keys.js';
import type { MailTemplateText } from './template-renderer.js';

// Українські шаблони за замовчуванням. HTML-тіла — фрагменти: спільний макет додає назву
// клініки вгорі й контакти внизу. Спільні частини вставлено тут, під час збирання, як текст
// шаблону; значення полів злиття проходять лише через екранування Liquid.

const DETAILS = `<table class="details" role="presentation">
  <tr><th>Фахівець</th><td>{{ appointment.specialist.name }}, {{ appointment.specialist.specialty }}</td></tr>
  <tr><th>Дата</th><td>{{ appointment.weekday }}, {{ appointment.date }}</td></tr>
  <tr><th>Час</th><td>{{ appointment.time }}</td></tr>
  <tr><th>Адреса</th><td>{{ clinic.address }}</td></tr>
</table>`;

const DETAILS_TEXT = `Фахівець: {{ appointment.specialist.name }}, {{ appointment.specialist.specialty }}
Дата: {{ appointment.weekday }}, {{ appointment.date }}
Час: {{ appointment.time }}
Адреса: {{ clinic.address }}`;

const SIGNATURE = `<p>З повагою,<br>{{ clinic.name }}</p>`;

const SIGNATURE_TEXT = `З повагою,
{{ clinic.name }}
{{ clinic.address }}
{{ clinic.phone }} · {{ clinic.email }}`;

export const UK_TEMPLATES: Record<TemplateKey, MailTemplateText> = {
  booking_confirm_request: {
    subject: 'Підтвердьте запис на прийом: {{ appointment.date }}, {{ appointment.time }}',
    html: `<p>Вітаємо, {{ client.name }}!</p>
<p>Дякуємо, що обрали нашу клініку. Залишився один крок: підтвердьте, будь ласка, запис на прийом.</p>
${DETAILS}
<p class="center"><a class="button" href="{{ links.confirm }}">Підтвердити запис</a></p>
<p>Посилання діє {{ expiresInMinutes }} хв. Якщо не підтвердити запис за цей час, обраний час звільниться для інших клієнтів.</p>
<p class="muted">Ви не записувалися? Просто проігноруйте цей лист: непідтверджений запис скасується автоматично.</p>
${SIGNATURE}`,
    text: `Вітаємо, {{ client.name }}!

Дякуємо, що обрали нашу клініку. Залишився один крок: підтвердьте, будь ласка, запис на прийом за посиланням:
{{ links.confirm }}

${DETAILS_TEXT}

Посилання діє {{ expiresInMinutes }} хв. Якщо не підтвердити запис за цей час, обраний час звільниться для інших клієнтів.
Ви не записувалися? Просто проігноруйте цей лист: непідтверджений запис скасується автоматично.

${SIGNATURE_TEXT}`,
  },

  booking_thank_you: {
    subject: 'Дякуємо! Ваш запис на {{ appointment.date }} отримано',
    html: `<p>Вітаємо, {{ client.name }}!</p>
<p>Дякуємо за підтвердження запису та за вашу довіру.</p>
${DETAILS}
<h2>Що далі</h2>
<ol>
  <li>Менеджер клініки погодить час із фахівцем ({{ appointment.specialist.name }}) і надішле вам остаточне підтвердження запису із запрошенням у календар.</li>
  <li>Якщо плани зміняться, перенесіть або скасуйте запис в особистому кабінеті не пізніше ніж за {{ cutoffHours }} год до прийому. Пізніше — зателефонуйте нам: {{ clinic.phone }}.</li>
  <li>Приходьте за 10 хвилин до початку; візьміть документ, що посвідчує особу, і результати попередніх обстежень, якщо вони є.</li>
</ol>
<p class="center"><a class="button" href="{{ links.portal }}">Відкрити особистий кабінет</a></p>
${SIGNATURE}`,
    text: `Вітаємо, {{ client.name }}!

Дякуємо за підтвердження запису та за вашу довіру.

${DETAILS_TEXT}

Що далі:
1. Менеджер клініки погодить час із фахівцем ({{ appointment.specialist.name }}) і надішле вам остаточне підтвердження запису із запрошенням у календар.
2. Якщо плани зміняться, перенесіть або скасуйте запис в особистому кабінеті не пізніше ніж за {{ cutoffHours }} год до прийому. Пізніше — зателефонуйте нам: {{ clinic.phone }}.
3. Приходьте за 10 хвилин до початку; візьміть документ, що посвідчує особу, і результати попередніх обстежень, якщо вони є.

Особистий кабінет: {{ links.portal }}

${SIGNATURE_TEXT}`,
  },

  booking_approved: {
    subject: 'Запис підтверджено клінікою: {{ appointment.date }}, {{ appointment.time }}',
    html: `<p>Вітаємо, {{ client.name }}!</p>
<p>Гарна новина: клініка підтвердила ваш запис на прийом. Чекаємо на вас!</p>
${DETAILS}
<p>До листа додано запрошення: додайте візит у свій календар одним натиском.</p>
<p>Перенести чи скасувати запис можна в особистому кабінеті не пізніше ніж за {{ cutoffHours }} год до прийому.</p>
<p class="center"><a class="button" href="{{ links.portal }}">Керувати записом</a></p>
${SIGNATURE}`,
    text: `Вітаємо, {{ client.name }}!

Гарна новина: клініка підтвердила ваш запис на прийом. Чекаємо на вас!

${DETAILS_TEXT}

До листа додано запрошення: додайте візит у свій календар одним натиском.
Перенести чи скасувати запис можна в особистому кабінеті не пізніше ніж за {{ cutoffHours }} год до прийому:
{{ links.portal }}

${SIGNATURE_TEXT}`,
  },

  booking_rescheduled: {
    subject: 'Запис перенесено на {{ appointment.date }}, {{ appointment.time }}',
    html: `<p>Вітаємо, {{ client.name }}!</p>
<p>Ваш запис на прийом перенесено.</p>
<table class="details" role="presentation">
  <tr><th>Фахівець</th><td>{{ appointment.specialist.name }}, {{ appointment.specialist.specialty }}</td></tr>
  <tr><th>Було</th><td><s>{{ previous.date }}, {{ previous.time }}</s></td></tr>
  <tr><th>Стало</th><td><strong>{{ appointment.weekday }}, {{ appointment.date }}, {{ appointment.time }}</strong></td></tr>
  <tr><th>Адреса</th><td>{{ clinic.address }}</td></tr>
</table>
{% if changedBy %}<p class="muted">Ким змінено: {{ changedBy }}.</p>{% endif %}
<p>Якщо новий час вам не підходить, змініть його в особистому кабінеті або зателефонуйте нам: {{ clinic.phone }}.</p>
<p class="center"><a class="button" href="{{ links.portal }}">Керувати записом</a></p>
${SIGNATURE}`,
    text: `Вітаємо, {{ client.name }}!

Ваш запис на прийом перенесено.

Фахівець: {{ appointment.specialist.name }}, {{ appointment.specialist.specialty }}
Було: {{ previous.date }}, {{ previous.time }}
Стало: {{ appointment.weekday }}, {{ appointment.date }}, {{ appointment.time }}
Адреса: {{ clinic.address }}
{% if changedBy %}Ким змінено: {{ changedBy }}.
{% endif %}
Якщо новий час вам не підходить, змініть його в особистому кабінеті або зателефонуйте нам: {{ clinic.phone }}.
{{ links.portal }}

${SIGNATURE_TEXT}`,
  },

  booking_cancelled: {
    subject: 'Запис на прийом {{ appointment.date }} скасовано',
    html: `<p>Вітаємо, {{ client.name }}!</p>
<p>Ваш запис на прийом ({{ appointment.specialist.name }}, {{ appointment.weekday }}, {{ appointment.date }}, {{ appointment.time }}) скасовано.{% if changedBy %} Ким скасовано: {{ changedBy }}.{% endif %}</p>
<p>Будемо раді бачити вас іншим разом: оберіть зручний для вас час.</p>
<p class="center"><a class="button" href="{{ links.bookAgain }}">Записатися знову</a></p>
<p class="muted">Ви не скасовували запис або маєте запитання? Зателефонуйте нам: {{ clinic.phone }}.</p>
${SIGNATURE}`,
    text: `Вітаємо, {{ client.name }}!

Ваш запис на прийом ({{ appointment.specialist.name }}, {{ appointment.weekday }}, {{ appointment.date }}, {{ appointment.time }}) скасовано.{% if changedBy %} Ким скасовано: {{ changedBy }}.{% endif %}

Будемо раді бачити вас іншим разом. Записатися знову: {{ links.bookAgain }}

Ви не скасовували запис або маєте запитання? Зателефонуйте нам: {{ clinic.phone }}.

${SIGNATURE_TEXT}`,
  },

  appointment_reminder: {
    subject: 'Нагадування: прийом {{ reminder.label }} о {{ appointment.time }}',
    html: `<p>Вітаємо, {{ client.name }}!</p>
<p>Нагадуємо: {{ reminder.label }} у вас прийом у нашій клініці.</p>
${DETAILS}
<p>Не зможете прийти? Перенесіть або скасуйте запис в особистому кабінеті не пізніше ніж за {{ cutoffHours }} год до початку — тоді цей час зможе отримати інший клієнт.</p>
<p class="center"><a class="button" href="{{ links.portal }}">Керувати записом</a></p>
${SIGNATURE}`,
    text: `Вітаємо, {{ client.name }}!

Нагадуємо: {{ reminder.label }} у вас прийом у нашій клініці.

${DETAILS_TEXT}

Не зможете прийти? Перенесіть або скасуйте запис в особистому кабінеті не пізніше ніж за {{ cutoffHours }} год до початку — тоді цей час зможе отримати інший клієнт:
{{ links.portal }}

${SIGNATURE_TEXT}`,
  },

  no_show_follow_up: {
    subject: 'Оберіть новий час прийому: {{ appointment.specialist.name }}',
    html: `<p>Вітаємо, {{ client.name }}!</p>
<p>На жаль, ми не побачили вас на прийомі {{ appointment.date }} о {{ appointment.time }}. Сподіваємося, у вас усе гаразд.</p>
{% for slot in offeredSlots %}{% if forloop.first %}<p>Ось найближчий час, коли вас може прийняти {{ appointment.specialist.name }} ({{ appointment.specialist.specialty }}). Оберіть зручний — і запис буде створено одним натиском:</p>
{% endif %}<p class="center"><a class="button" href="{{ slot.url }}">{{ slot.weekday }}, {{ slot.date }}, {{ slot.time }}</a></p>
{% else %}<p>Найближчими днями {{ appointment.specialist.name }} не має вільного часу.</p>
{% endfor %}<p>Жоден варіант не підходить? <a href="{{ links.bookAgain }}">Оберіть інший час на сайті</a> або зв’яжіться з нами:</p>
<table class="details" role="presentation">
  <tr><th>Телефон</th><td>{{ clinic.phone }}</td></tr>
  <tr><th>E-mail</th><td>{{ clinic.email }}</td></tr>
  <tr><th>Адреса</th><td>{{ clinic.address }}</td></tr>
</table>
${SIGNATURE}`,
    text: `Вітаємо, {{ client.name }}!

На жаль, ми не побачили вас на прийомі {{ appointment.date }} о {{ appointment.time }}. Сподіваємося, у вас усе гаразд.
{% for slot in offeredSlots %}{% if forloop.first %}
Ось найближчий час, коли вас може прийняти {{ appointment.specialist.name }} ({{ appointment.specialist.specialty }}). Відкрийте посилання — і запис буде створено:
{% endif %}- {{ slot.weekday }}, {{ slot.date }}, {{ slot.time }}: {{ slot.url }}
{% else %}
Найближчими днями {{ appointment.specialist.name }} не має вільного часу.
{% endfor %}
Жоден варіант не підходить? Оберіть інший час на сайті: {{ links.bookAgain }}
Або зв’яжіться з нами: {{ clinic.phone }}, {{ clinic.email }}, {{ clinic.address }}

${SIGNATURE_TEXT}`,
  },

  hold_expired: {
    subject: 'Час прийому {{ appointment.date }} звільнено: запис не підтверджено',
    html: `<p>Вітаємо, {{ client.name }}!</p>
<p>Ви записувалися на прийом ({{ appointment.specialist.name }}, {{ appointment.date }}, {{ appointment.time }}), але запис не було підтверджено вчасно, тому цей час звільнено.</p>
<p>Бажаєте записатися знову? Це займе хвилину.</p>
<p class="center"><a class="button" href="{{ links.bookAgain }}">Записатися знову</a></p>
<p class="muted">Маєте запитання? Телефонуйте: {{ clinic.phone }}.</p>
${SIGNATURE}`,
    text: `Вітаємо, {{ client.name }}!

Ви записувалися на прийом ({{ appointment.specialist.name }}, {{ appointment.date }}, {{ appointment.time }}), але запис не було підтверджено вчасно, тому цей час звільнено.

Бажаєте записатися знову? Це займе хвилину: {{ links.bookAgain }}
Маєте запитання? Телефонуйте: {{ clinic.phone }}.

${SIGNATURE_TEXT}`,
  },

  magic_link: {
    subject: '{{ clinic.name }}: вхід до особистого кабінету',
    html: `<p>Вітаємо, {{ client.name }}!</p>
<p>Щоб увійти в особистий кабінет, натисніть кнопку.</p>
<p class="center"><a class="button" href="{{ links.signIn }}">Увійти</a></p>
<p>Посилання діє {{ expiresInMinutes }} хв і спрацює лише один раз.</p>
<p class="muted">Ви не намагалися увійти? Проігноруйте цей лист: без посилання ніхто не увійде у ваш кабінет.</p>
${SIGNATURE}`,
    text: `Вітаємо, {{ client.name }}!

Щоб увійти в особистий кабінет, відкрийте посилання:
{{ links.signIn }}

Посилання діє {{ expiresInMinutes }} хв і спрацює лише один раз.
Ви не намагалися увійти? Проігноруйте цей лист: без посилання ніхто не увійде у ваш кабінет.

${SIGNATURE_TEXT}`,
  },

  message_to_client: {
    subject: '{{ clinic.name }}: нова відповідь на ваше повідомлення',
    html: `<p>Вітаємо, {{ client.name }}!</p>
<p>Клініка відповіла на ваше повідомлення:</p>
<blockquote class="quote">{{ message.text }}</blockquote>
<p class="muted">{{ message.from }}</p>
<p class="center"><a class="button" href="{{ links.portal }}">Відповісти в особистому кабінеті</a></p>
${SIGNATURE}`,
    text: `Вітаємо, {{ client.name }}!

Клініка відповіла на ваше повідомлення:

{{ message.text }}

{{ message.from }}

Відповісти можна в особистому кабінеті: {{ links.portal }}

${SIGNATURE_TEXT}`,
  },

  message_to_staff: {
    subject: 'Нове повідомлення від клієнта: {{ client.name }}',
    html: `<p>Клієнт написав клініці в особистому кабінеті.</p>
<p>Клієнт: {{ client.name }} ({{ client.email }})</p>
<blockquote class="quote">{{ message.text }}</blockquote>
<p class="center"><a class="button" href="{{ links.console }}">Відкрити в консолі</a></p>
<p class="muted">Відповідайте з консолі: клієнт отримає відповідь листом і в особистому кабінеті.</p>`,
    text: `Клієнт написав клініці в особистому кабінеті.
Клієнт: {{ client.name }} ({{ client.email }})

{{ message.text }}

Відкрити в консолі: {{ links.console }}
Відповідайте з консолі: клієнт отримає відповідь листом і в особистому кабінеті.`,
  },

  email_change_confirm: {
    subject: 'Підтвердьте нову адресу e-mail',
    html: `<p>Вітаємо, {{ client.name }}!</p>
<p>Ви вказали цю адресу ({{ client.email }}) для листів від нашої клініки. Підтвердьте, будь ласка, що вона ваша.</p>
<p class="center"><a class="button" href="{{ links.confirmEmail }}">Підтвердити адресу</a></p>
<p>Посилання діє {{ expiresInMinutes }} хв.</p>
<p class="muted">Це були не ви? Проігноруйте цей лист — адреса не зміниться.</p>
${SIGNATURE}`,
    text: `Вітаємо, {{ client.name }}!

Ви вказали цю адресу ({{ client.email }}) для листів від нашої клініки. Підтвердьте, будь ласка, що вона ваша:
{{ links.confirmEmail }}

Посилання діє {{ expiresInMinutes }} хв.
Це були не ви? Проігноруйте цей лист — адреса не зміниться.

${SIGNATURE_TEXT}`,
  },

  client_changed_booking: {
    subject: '{% if appointment.status == "cancelled" %}Клієнт скасував запис{% else %}Клієнт переніс запис{% endif %}: {{ client.name }}, {{ appointment.date }}',
    html: `{% if appointment.status == "cancelled" %}<p>Клієнт скасував запис на прийом в особистому кабінеті.</p>
${DETAILS}
{% else %}<p>Клієнт переніс запис на прийом в особистому кабінеті.</p>
<table class="details" role="presentation">
  <tr><th>Фахівець</th><td>{{ appointment.specialist.name }}, {{ appointment.specialist.specialty }}</td></tr>
  <tr><th>Було</th><td><s>{{ previous.date }}, {{ previous.time }}</s></td></tr>
  <tr><th>Стало</th><td><strong>{{ appointment.weekday }}, {{ appointment.date }}, {{ appointment.time }}</strong></td></tr>
</table>
{% endif %}<p>Клієнт: {{ client.name }}, {{ client.email }}</p>
<p class="center"><a class="button" href="{{ links.console }}">Відкрити в консолі</a></p>`,
    text: `{% if appointment.status == "cancelled" %}Клієнт скасував запис на прийом в особистому кабінеті.

${DETAILS_TEXT}
{% else %}Клієнт переніс запис на прийом в особистому кабінеті.

Фахівець: {{ appointment.specialist.name }}, {{ appointment.specialist.specialty }}
Було: {{ previous.date }}, {{ previous.time }}
Стало: {{ appointment.weekday }}, {{ appointment.date }}, {{ appointment.time }}
{% endif %}
Клієнт: {{ client.name }}, {{ client.email }}
Відкрити в консолі: {{ links.console }}`,
  },
};
