// A refusal of the meeting checks (workflow/meeting.cpp) as the secretary should read it: paths that name no field
// (attendees, chair, secretary, order.<id>) become plain sentences with the person or subject. Servers before the
// workflow's messages were bilingual sent some problems in English only; those are given a Vietnamese half here.
import { ApiError } from '../../api/client';
import type { ErrorDetail } from '../../api/types';

const RANK_VI: Record<string, string> = { collective: 'tập thể', head: 'người đứng đầu', deputy: 'cấp phó' };

export function localizeMeetingError(e: unknown, nameOf: (subjectId: number) => string): unknown {
  if (!(e instanceof ApiError) || !e.details.length) return e;
  const details: ErrorDetail[] = e.details.map((d) => {
    const p = d.problem;
    if (p.includes(' / ')) {
      // Already "tiếng Việt / English" (the server's meeting checks are bilingual now): only the paths that name no
      // field on the form become plain sentences, with the person meant.
      if (d.path === 'attendees') return { path: '', problem: p };
      if (d.path.startsWith('order.')) {
        const id = d.path.slice('order.'.length);
        return { path: '', problem: p.replaceAll(` ${id} `, ` ${nameOf(Number(id))} `) };
      }
      if (d.path === 'chair' || d.path === 'secretary') {
        const [vi, en] = [p.slice(0, p.indexOf(' / ')), p.slice(p.indexOf(' / ') + 3)];
        return d.path === 'chair'
          ? { path: '', problem: `Chủ trì ${vi} / the chair ${en}` }
          : { path: '', problem: `Thư ký ${vi} / the secretary ${en}` };
      }
      return d;
    }
    let m = /^the comments of .* are required \((R-[\w-]+)\)$/.exec(p);
    if (m) return { ...d, problem: `Còn thiếu nhận xét bắt buộc (${m[1]}) / ${p}` };
    if (/^the civil-servant grade comes before the party grade/.test(p))
      return { ...d, problem: `Cần ghi xếp loại công chức, viên chức trước khi biểu quyết (R-LINK-2) / ${p}` };
    if (p === 'not present at the meeting')
      return { ...d, problem: `Người phát biểu không có mặt tại hội nghị / ${p}` };
    m = /^base (\d+) members; best count (\d+)$/.exec(p);
    if (m)
      return {
        ...d,
        problem: `Chưa mức nào đạt quá nửa: nhiều nhất ${m[2]} phiếu, trên ${m[1]} đảng viên được tính / ${p}`,
      };
    if (p === 'an absence with a reason names the reason') return { ...d, problem: `Cần ghi lý do vắng / ${p}` };
    if (p === 'present: no absence reason') return { ...d, problem: `Có mặt thì không ghi lý do vắng / ${p}` };
    m = /^(\d+) of (\d+) members present; needs (more than|at least) (\d+)\/(\d+)$/.exec(p);
    if (m)
      return {
        path: '',
        problem: `Có mặt ${m[1]} trên ${m[2]} đảng viên được tính; cần ${m[3] === 'more than' ? 'quá' : 'ít nhất'} ${m[4]}/${m[5]} / ${p}`,
      };
    if ((d.path === 'chair' || d.path === 'secretary') && p === 'must be present at the meeting')
      return {
        path: '',
        problem: `${d.path === 'chair' ? 'Chủ trì' : 'Thư ký'} hội nghị phải có mặt / the meeting's ${d.path} must be present`,
      };
    m = /^the (collective|head|deputy) (\d+) has not been reviewed yet/.exec(p);
    if (m) {
      const name = nameOf(Number(m[2]));
      return { path: '', problem: `Chưa kết luận ${RANK_VI[m[1]]} ${name} / the ${m[1]} ${name} is not concluded yet` };
    }
    return d;
  });
  return new ApiError(e.status, e.code, e.message, details, e.retryAfterSeconds);
}
