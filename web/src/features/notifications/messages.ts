/** Messages of the notifications feature, added to the app's i18n at import. */
import i18n from '../../i18n';

const vi = {
  'notifications.title': 'Thông báo',
  'notifications.bell': 'Thông báo ({{count}} chưa đọc)',
  'notifications.none': 'Không có thông báo.',
  'notifications.noneUnread': 'Không có thông báo chưa đọc.',
  'notifications.markAll': 'Đánh dấu đã đọc tất cả',
  'notifications.markRead': 'Đánh dấu đã đọc',
  'notifications.seeAll': 'Xem tất cả',
  'notifications.unreadOnly': 'Chỉ chưa đọc',
  'notifications.total': '{{count}} thông báo',
  'notifications.prefs.title': 'Nhận thông báo',
  'notifications.prefs.intro':
    'Chọn loại thông báo hiện trong ứng dụng và gửi qua e-mail. E-mail chỉ gửi được khi tài khoản có địa chỉ e-mail.',
  'notifications.prefs.kind': 'Loại thông báo',
  'notifications.prefs.inApp': 'Trong ứng dụng',
  'notifications.prefs.email': 'E-mail',
  'notifications.prefs.saved': 'Đã lưu lựa chọn nhận thông báo.',
  'notifications.kind.report_returned': 'Báo cáo bị trả lại',
  'notifications.kind.report_approved': 'Báo cáo được duyệt',
  'notifications.kind.assignment': 'Được giao nhiệm vụ, mục tiêu',
  'notifications.kind.report_due': 'Sắp đến hạn nộp báo cáo',
  'notifications.kind.task_due': 'Nhiệm vụ sắp đến hạn',
  'notifications.kind.digest': 'Bản tin cảnh báo hằng ngày',
};

const en: Record<keyof typeof vi, string> = {
  'notifications.title': 'Notifications',
  'notifications.bell': 'Notifications ({{count}} unread)',
  'notifications.none': 'No notifications.',
  'notifications.noneUnread': 'No unread notifications.',
  'notifications.markAll': 'Mark all read',
  'notifications.markRead': 'Mark read',
  'notifications.seeAll': 'See all',
  'notifications.unreadOnly': 'Unread only',
  'notifications.total': '{{count}} notifications',
  'notifications.prefs.title': 'What reaches you',
  'notifications.prefs.intro':
    'Choose which notifications show in the app and which are sent by e-mail. E-mail needs an address on your account.',
  'notifications.prefs.kind': 'Kind',
  'notifications.prefs.inApp': 'In the app',
  'notifications.prefs.email': 'E-mail',
  'notifications.prefs.saved': 'Notification choices saved.',
  'notifications.kind.report_returned': 'Report returned',
  'notifications.kind.report_approved': 'Report approved',
  'notifications.kind.assignment': 'Task or target assigned',
  'notifications.kind.report_due': 'Report due soon',
  'notifications.kind.task_due': 'Task due soon',
  'notifications.kind.digest': 'Daily warnings digest',
};

i18n.addResourceBundle('vi', 'translation', vi, true, false);
i18n.addResourceBundle('en', 'translation', en, true, false);
