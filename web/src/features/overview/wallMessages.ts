/** Messages of the wall screen (and of the overview's link to it), vi first, en. */
import i18n from '../../i18n';

i18n.addResourceBundle(
  'vi',
  'translation',
  {
    'wall.title': 'Trung tâm điều hành chuyển đổi số',
    'wall.updatedAt': 'Cập nhật lúc {{time}}',
    'wall.page': 'Trang {{n}}/{{total}}',
    'wall.pillars': 'Chỉ số theo trụ cột',
    'wall.map': 'Bản đồ: {{indicator}}',
    'wall.pause': 'Tạm dừng',
    'wall.resume': 'Tiếp tục',
    'wall.refreshEvery': 'Tự làm mới mỗi {{seconds}} giây',
    'wall.noData': 'Chưa có số liệu',
    'wall.open': 'Màn hình tường',
  },
  true,
  false,
);
i18n.addResourceBundle(
  'en',
  'translation',
  {
    'wall.title': 'Digital transformation operations centre',
    'wall.updatedAt': 'Updated at {{time}}',
    'wall.page': 'Page {{n}}/{{total}}',
    'wall.pillars': 'Indicators by pillar',
    'wall.map': 'Map: {{indicator}}',
    'wall.pause': 'Pause',
    'wall.resume': 'Resume',
    'wall.refreshEvery': 'Refreshes every {{seconds}} s',
    'wall.noData': 'No data',
    'wall.open': 'Wall screen',
  },
  true,
  false,
);
