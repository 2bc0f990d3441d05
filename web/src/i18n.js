// Vietnamese by default, English on request. Numbers, percentages and dates follow Vietnamese conventions
// (10.000 · 95,5 % · 23/11/2026) in both languages: officials compare the board with Vietnamese reports.

const STRINGS = {
  vi: {
    title: 'Bảng theo dõi giải quyết thủ tục hành chính',
    skip: 'Bỏ qua đến nội dung chính',
    language: 'English',
    languageLabel: 'Switch to English',
    signIn: 'Đăng nhập bằng mã truy cập',
    signOut: 'Đăng xuất',
    signInIntro: 'Dán mã truy cập (JWT) do hệ thống định danh cấp cho bạn.',
    token: 'Mã truy cập (JWT)',
    useToken: 'Dùng mã này',
    localTitle: 'Chế độ phát triển cục bộ',
    localIntro: 'Lấy mã thử nghiệm từ máy chạy cục bộ cho một người dùng mẫu.',
    role: 'Vai trò',
    provinceCode: 'Mã tỉnh',
    agencyId: 'Mã cơ quan',
    getToken: 'Lấy mã và đăng nhập',
    roles: { SUPERVISOR: 'Lãnh đạo tỉnh (giám sát)', OFFICIAL: 'Cán bộ cơ quan', OPERATOR: 'Quản trị hệ thống' },
    roleNotAllowed: 'Bảng theo dõi dành cho cán bộ, lãnh đạo giám sát và quản trị hệ thống.',
    scope: 'Phạm vi',
    scopeCountry: 'Toàn quốc',
    scopeProvince: (p) => `Tỉnh/thành phố ${p}`,
    scopeAgency: (a) => `Cơ quan ${a}`,
    resolvedFrom: (old) => `(mã cũ ${old} đã được chuyển sang tỉnh mới)`,
    period: 'Khoảng thời gian',
    from: 'Từ ngày',
    to: 'Đến ngày',
    apply: 'Áp dụng',
    dateHint: 'ngày/tháng/năm',
    dateFormat: 'Nhập ngày theo dạng ngày/tháng/năm, ví dụ 23/11/2026.',
    dateOrder: 'Ngày bắt đầu phải trước ngày kết thúc.',
    provinceFilter: 'Tỉnh/thành phố (để trống: toàn quốc)',
    views: 'Các màn hình',
    tabs: { overview: 'Tổng quan tỉnh', agency: 'Cơ quan', procedures: 'Thủ tục', trend: 'Xu hướng' },
    updated: (t, s) => `Cập nhật lúc ${t} · tự làm mới mỗi ${s} giây`,
    refreshing: 'Đang làm mới…',
    statsUnavailable: 'Chưa có dịch vụ thống kê (GET /stats) trên hệ thống này; hàng đợi hồ sơ vẫn được hiển thị.',
    noRows: 'Chưa có số liệu trong khoảng thời gian này.',
    unit: 'Xã/phường',
    agency: 'Cơ quan',
    procedure: 'Thủ tục',
    onTimeRate: 'Tỉ lệ đúng hạn',
    overdueNow: 'Đang quá hạn',
    dueSoon: 'Sắp đến hạn',
    receivedToday: 'Tiếp nhận hôm nay',
    received: 'Tiếp nhận',
    onlineRate: 'Tỉ lệ trực tuyến',
    satisfaction: 'Mức độ hài lòng',
    satisfactionValue: (v) => `${v}/5`,
    completed: 'Đã giải quyết',
    completedLate: 'Giải quyết trễ hạn',
    warning: 'Cảnh báo sớm',
    warnings: { ALERT: 'Báo động', WATCH: 'Theo dõi', NONE: 'Bình thường' },
    warningHelp: { ALERT: 'Có hồ sơ quá hạn và tỉ lệ đúng hạn dưới ngưỡng', WATCH: 'Có hồ sơ sắp đến hạn hoặc tỉ lệ đúng hạn chưa đạt' },
    sortBy: (c) => `Sắp xếp theo ${c}`,
    kpis: 'Chỉ số chính',
    openQueue: 'Hàng đợi',
    openQueueLabel: (u) => `Xem hàng đợi hồ sơ của ${u}`,
    queueTitle: (a) => `Hàng đợi hồ sơ của ${a}`,
    chooseAgency: 'Chọn cơ quan',
    show: 'Xem',
    agencyNotAllowed: 'Vai trò quản trị không xem hàng đợi hồ sơ của cơ quan (theo quy định truy cập); hãy dùng bảng tổng quan.',
    overdueList: 'Hồ sơ quá hạn',
    dueSoonList: 'Hồ sơ sắp đến hạn',
    workQueue: 'Hàng đợi theo hạn giải quyết',
    code: 'Mã hồ sơ',
    commune: 'Xã/phường',
    status: 'Trạng thái',
    dueAt: 'Hạn giải quyết',
    apology: 'Phiếu xin lỗi, hẹn lại',
    apologyIssued: (d) => (d ? `Đã gửi · hẹn lại ${d}` : 'Đã gửi'),
    apologyMissing: 'Chưa gửi',
    overdueBadge: 'Quá hạn',
    dueSoonBadge: 'Sắp đến hạn',
    noDossiers: 'Không có hồ sơ.',
    indicator: 'Chỉ số',
    trendTitle: (i) => `Diễn biến theo ngày: ${i}`,
    trendEmpty: 'Chưa có số liệu theo ngày.',
    trendTable: 'Số liệu theo ngày',
    date: 'Ngày',
    error: 'Không tải được dữ liệu',
    signedInAs: (r) => `Đăng nhập: ${r}`,
  },
  en: {
    title: 'Administrative procedures monitoring board',
    skip: 'Skip to main content',
    language: 'Tiếng Việt',
    languageLabel: 'Chuyển sang tiếng Việt',
    signIn: 'Sign in with an access token',
    signOut: 'Sign out',
    signInIntro: 'Paste the access token (JWT) your identity provider issued.',
    token: 'Access token (JWT)',
    useToken: 'Use this token',
    localTitle: 'Local development mode',
    localIntro: 'Get a test token from the local runner for a demo user.',
    role: 'Role',
    provinceCode: 'Province code',
    agencyId: 'Agency id',
    getToken: 'Get token and sign in',
    roles: { SUPERVISOR: 'Provincial supervisor', OFFICIAL: 'Agency official', OPERATOR: 'System operator' },
    roleNotAllowed: 'The board is for officials, supervisors and operators.',
    scope: 'Scope',
    scopeCountry: 'Nationwide',
    scopeProvince: (p) => `Province ${p}`,
    scopeAgency: (a) => `Agency ${a}`,
    resolvedFrom: (old) => `(old code ${old} now belongs to this province)`,
    period: 'Period',
    from: 'From',
    to: 'To',
    apply: 'Apply',
    dateHint: 'dd/mm/yyyy',
    dateFormat: 'Type the date as day/month/year, e.g. 23/11/2026.',
    dateOrder: 'The start date must be before the end date.',
    provinceFilter: 'Province (empty: nationwide)',
    views: 'Views',
    tabs: { overview: 'Province overview', agency: 'Agency', procedures: 'Procedures', trend: 'Trend' },
    updated: (t, s) => `Updated at ${t} · refreshes every ${s} seconds`,
    refreshing: 'Refreshing…',
    statsUnavailable: 'The statistics service (GET /stats) is not available here yet; work queues are still shown.',
    noRows: 'No figures for this period yet.',
    unit: 'Commune',
    agency: 'Agency',
    procedure: 'Procedure',
    onTimeRate: 'On-time rate',
    overdueNow: 'Overdue now',
    dueSoon: 'Due soon',
    receivedToday: 'Received today',
    received: 'Received',
    onlineRate: 'Online share',
    satisfaction: 'Satisfaction',
    satisfactionValue: (v) => `${v}/5`,
    completed: 'Completed',
    completedLate: 'Completed late',
    warning: 'Early warning',
    warnings: { ALERT: 'Alert', WATCH: 'Watch', NONE: 'Normal' },
    warningHelp: { ALERT: 'Overdue dossiers and an on-time rate under the threshold', WATCH: 'Dossiers due soon or an on-time rate below target' },
    sortBy: (c) => `Sort by ${c}`,
    kpis: 'Key indicators',
    openQueue: 'Queue',
    openQueueLabel: (u) => `Open the work queue of ${u}`,
    queueTitle: (a) => `Work queue of ${a}`,
    chooseAgency: 'Choose agency',
    show: 'Show',
    agencyNotAllowed: 'Operators do not see agencies\u2019 work queues (access rules); use the overview.',
    overdueList: 'Overdue dossiers',
    dueSoonList: 'Due soon',
    workQueue: 'Work queue by due date',
    code: 'Dossier code',
    commune: 'Commune',
    status: 'Status',
    dueAt: 'Due',
    apology: 'Apology slip, new date',
    apologyIssued: (d) => (d ? `Sent · new date ${d}` : 'Sent'),
    apologyMissing: 'Not sent',
    overdueBadge: 'Overdue',
    dueSoonBadge: 'Due soon',
    noDossiers: 'No dossiers.',
    indicator: 'Indicator',
    trendTitle: (i) => `Daily trend: ${i}`,
    trendEmpty: 'No daily figures yet.',
    trendTable: 'Daily figures',
    date: 'Date',
    error: 'Could not load data',
    signedInAs: (r) => `Signed in: ${r}`,
  },
};

let language = localStorage.getItem('dvc-board-lang') === 'en' ? 'en' : 'vi';

export const lang = () => language;
export function setLang(next) {
  language = next === 'en' ? 'en' : 'vi';
  localStorage.setItem('dvc-board-lang', language);
  document.documentElement.lang = language;
}
export const t = (key, ...args) => {
  const v = key.split('.').reduce((o, k) => o?.[k], STRINGS[language]) ?? key;
  return typeof v === 'function' ? v(...args) : v;
};

const integer = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const VN_OFFSET_MS = 7 * 3600 * 1000; // Vietnam has no daylight saving time

/** 10000 -> "10.000"; missing -> "–". */
export const fmtInt = (n) => (n == null ? '–' : integer.format(n));
/** 4.56 -> "4,6" (one decimal). */
export const fmtDecimal = (n) => (n == null ? '–' : oneDecimal.format(n));
/** 0.955 -> "95,5 %". */
export const fmtPct = (fraction) => (fraction == null ? '–' : `${oneDecimal.format(fraction * 100)} %`);

const pad = (n) => String(n).padStart(2, '0');
const vnParts = (ms) => { const d = new Date(ms + VN_OFFSET_MS); return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate(), h: d.getUTCHours(), min: d.getUTCMinutes(), s: d.getUTCSeconds() }; };
/** Instant (ms) or ISO string -> "dd/MM/yyyy" in Vietnam time. */
export function fmtDate(value) {
  if (value == null) return '–';
  const ms = typeof value === 'number' ? value : /^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(value + 'T00:00:00+07:00') : Date.parse(value);
  if (Number.isNaN(ms)) return String(value);
  const p = vnParts(ms);
  return `${pad(p.d)}/${pad(p.m)}/${p.y}`;
}
export function fmtDateTime(ms) {
  const p = vnParts(ms);
  return `${pad(p.h)}:${pad(p.min)} ${pad(p.d)}/${pad(p.m)}/${p.y}`;
}
export function fmtTime(ms) {
  const p = vnParts(ms);
  return `${pad(p.h)}:${pad(p.min)}:${pad(p.s)}`;
}
/** Today's date in Vietnam, "YYYY-MM-DD" (the API's date format). */
export function isoDay(ms = Date.now()) {
  const p = vnParts(ms);
  return `${p.y}-${pad(p.m)}-${pad(p.d)}`;
}
