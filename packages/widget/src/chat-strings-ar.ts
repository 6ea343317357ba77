/** The chat panel's words in Arabic: a module of its own, fetched only by visitors who read Arabic (strings.ts). */
import type { ChatStrings } from './strings';

const AR: ChatStrings = {
  unread: 'غير مقروءة',
  chat: 'المحادثة',
  closeChat: 'أغلق المحادثة',
  messages: 'الرسائل',
  message: 'الرسالة',
  placeholder: 'اكتب رسالة…',
  name: 'الاسم',
  email: 'البريد الإلكتروني',
  send: 'أرسل',
  sending: 'جارٍ الإرسال…',
  notSent: 'لم تُرسل.',
  retry: 'أعد المحاولة',
  discard: 'تجاهل',
  reconnecting: 'جارٍ إعادة الاتصال…',
  unavailable: 'المحادثة غير متاحة الآن.',
  reloadToContinue: 'تم تحديث هذه المحادثة. أعد تحميل الصفحة للمتابعة.',
  typing: '{name} يكتب…',
  agent: 'الموظف',
  queuePosition: 'ترتيبك {position} في قائمة الانتظار',
  queueMinutes: 'حوالي {minutes} دقيقة',
  queueUnderMinute: 'أقل من دقيقة',
  away: 'لسنا متاحين. اترك رسالة.',
  emailTranscript: 'أرسلها لي بالبريد',
  transcriptSent: 'أُرسلت.',
  rate: 'كيف كانت هذه المحادثة؟',
  comment: 'تعليق (اختياري)',
  thanks: 'شكرًا على رأيك!',
  joined: 'انضم {name} إلى المحادثة.',
  seen: 'تمت القراءة',
};

export default AR;
