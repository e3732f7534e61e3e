// A unit's name as a link, loaded by id (posts and grants carry only the id).
import { Link } from 'react-router';
import { api } from '../api/client';
import { useLoad } from './load';

export function UnitName({ id }: { id: number }) {
  const unit = useLoad(() => api.unit(id), [id]);
  return <Link to={`/units/${id}`}>{unit.data?.name ?? (unit.error ? `#${id}` : '…')}</Link>;
}
