// A date typed or picked as dd/mm/yyyy, held in the form as the API's 'YYYY-MM-DD' (or undefined).
import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';

dayjs.extend(customParseFormat);

export function DateField({
  value,
  onChange,
  id,
  ...rest
}: {
  value?: string | null;
  onChange?: (v: string | undefined) => void;
  id?: string;
  'aria-invalid'?: boolean;
}) {
  return (
    <DatePicker
      id={id}
      {...rest}
      format={['DD/MM/YYYY', 'D/M/YYYY']}
      placeholder="dd/mm/yyyy"
      style={{ width: '100%', maxWidth: 260 }}
      value={value ? dayjs(value, 'YYYY-MM-DD') : null}
      onChange={(d) => onChange?.(d ? d.format('YYYY-MM-DD') : undefined)}
    />
  );
}
