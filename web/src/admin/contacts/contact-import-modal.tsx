// Importing contacts from a spreadsheet: choose or drop a CSV file, see how its columns are read
// (and change that), see every problem by row, then import all rows or none.
import { Alert, Badge, Button, FileInput, Group, Paper, ScrollArea, Select, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type DragEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadingState } from '../../shared/states';
import { AdminModal } from '../layout/admin-modal';
import { ImportRefusedError, postCsv, type RowProblem } from '../lib/csv-files';
import { notifyDone, problemText } from '../lib/notify';
import { keys } from '../lib/queries';

const FIELDS = ['email', 'name', 'phone', 'locale', 'tags'] as const;
type Field = (typeof FIELDS)[number];
type Mapping = Partial<Record<Field, number>>;

interface Counts {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
}

interface Preview {
  columns: Array<{ index: number; header: string }>;
  mapping: Mapping;
  suggested: Mapping;
  mappingProblems: Record<string, string>;
  rows: Array<{ row: number; values: Record<string, string> }>;
  problems: RowProblem[];
  problemCount: number;
  outcome: Counts | null;
}

function ProblemList({ problems, total }: { problems: RowProblem[]; total: number }): ReactNode {
  const { t } = useTranslation('admin');
  return (
    <Alert color="red" title={t('import.problems', { count: total })} role="alert">
      <Stack gap="xs">
        <Text size="sm">{t('import.nothingImported')}</Text>
        <ScrollArea.Autosize mah={220}>
          <Table verticalSpacing={4} fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('import.row')}</Table.Th>
                <Table.Th>{t('import.column')}</Table.Th>
                <Table.Th>{t('import.value')}</Table.Th>
                <Table.Th>{t('import.problem')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {problems.map((p, index) => (
                <Table.Tr key={`${p.row}-${p.field}-${index}`}>
                  <Table.Td>{p.row}</Table.Td>
                  <Table.Td>{p.column}</Table.Td>
                  <Table.Td>{p.value || '—'}</Table.Td>
                  <Table.Td>{p.message}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
        {total > problems.length && <Text size="sm">{t('import.moreProblems', { count: total - problems.length })}</Text>}
      </Stack>
    </Alert>
  );
}

function FileChooser({ file, onFile }: { file: File | null; onFile: (file: File | null) => void }): ReactNode {
  const { t } = useTranslation('admin');
  const [over, setOver] = useState(false);
  const drop = (event: DragEvent<HTMLDivElement>): void => {
    event.preventDefault();
    setOver(false);
    const dropped = event.dataTransfer.files[0];
    if (dropped) onFile(dropped);
  };
  return (
    <Paper
      withBorder
      p="md"
      style={{ borderStyle: 'dashed', background: over ? 'var(--mantine-color-blue-light)' : undefined }}
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
    >
      <Stack gap="xs">
        <Text size="sm">{t('import.drop')}</Text>
        <FileInput label={t('import.file')} placeholder={t('import.choose')} accept=".csv,text/csv" value={file} onChange={onFile} clearable clearButtonProps={{ 'aria-label': t('import.clear') }} />
      </Stack>
    </Paper>
  );
}

function MappingSelects({ preview, onChange }: { preview: Preview; onChange: (mapping: Mapping) => void }): ReactNode {
  const { t } = useTranslation('admin');
  const options = [
    { value: '', label: t('import.notImported') },
    ...preview.columns.map((column) => ({ value: String(column.index), label: `${column.index + 1}. ${column.header || t('import.untitled')}` })),
  ];
  return (
    <SimpleGrid cols={{ base: 1, sm: 3, md: 5 }}>
      {FIELDS.map((field) => (
        <Select
          key={field}
          label={t(`import.fields.${field}`)}
          data={options}
          value={preview.mapping[field] === undefined ? '' : String(preview.mapping[field])}
          allowDeselect={false}
          error={preview.mappingProblems[field]}
          onChange={(value) => {
            const next: Mapping = { ...preview.mapping };
            if (value === null || value === '') delete next[field];
            else next[field] = Number(value);
            onChange(next);
          }}
        />
      ))}
    </SimpleGrid>
  );
}

function FirstRows({ preview }: { preview: Preview }): ReactNode {
  const { t } = useTranslation('admin');
  const usable = Object.keys(preview.mappingProblems).length === 0;
  const heads = usable
    ? FIELDS.filter((field) => preview.mapping[field] !== undefined).map((field) => ({ key: field, label: t(`import.fields.${field}`) }))
    : preview.columns.map((column) => ({ key: String(column.index), label: column.header || t('import.untitled') }));
  return (
    <Stack gap={4}>
      <Text fw={600} size="sm">
        {t('import.firstRows', { count: preview.rows.length })}
      </Text>
      <Table.ScrollContainer minWidth={600}>
        <Table striped verticalSpacing={4} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('import.row')}</Table.Th>
              {heads.map((head) => (
                <Table.Th key={head.key}>{head.label}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {preview.rows.map((row) => (
              <Table.Tr key={row.row}>
                <Table.Td>{row.row}</Table.Td>
                {heads.map((head) => (
                  <Table.Td key={head.key}>{row.values[head.key] || '—'}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

function ImportForm({ onClose }: { onClose: () => void }): ReactNode {
  const { t } = useTranslation('admin');
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  // null: the columns the file's headers suggest.
  const [mapping, setMapping] = useState<Mapping | null>(null);
  const [done, setDone] = useState<Counts | null>(null);
  const fileKey = file ? `${file.name}:${file.size}:${file.lastModified}` : null;
  const preview = useQuery({
    queryKey: ['admin', 'contacts', 'import-preview', fileKey, mapping],
    queryFn: () => postCsv<Preview>('/api/admin/contacts/import/preview', file!, mapping ?? {}),
    enabled: file !== null,
    retry: false,
    gcTime: 0,
  });
  const run = useMutation({
    mutationFn: () => postCsv<Counts>('/api/admin/contacts/import', file!, preview.data?.mapping ?? mapping ?? {}),
    onSuccess: (counts) => {
      setDone(counts);
      notifyDone(t('import.done', { created: counts.created, updated: counts.updated, unchanged: counts.unchanged }));
      void client.invalidateQueries({ queryKey: keys.contacts });
    },
  });
  const choose = (next: File | null): void => {
    setFile(next);
    setMapping(null);
    run.reset();
  };

  if (done) {
    return (
      <Stack>
        <Alert color="teal" title={t('import.doneTitle', { count: done.rows })} role="status">
          {t('import.done', { created: done.created, updated: done.updated, unchanged: done.unchanged })}
        </Alert>
        <Group justify="flex-end">
          <Button onClick={onClose}>{t('form.close')}</Button>
        </Group>
      </Stack>
    );
  }

  const data = preview.data;
  const refused = run.error instanceof ImportRefusedError ? run.error : null;
  const ready = data !== undefined && data.problemCount === 0 && data.outcome !== null && !preview.isFetching;
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('import.intro')}
      </Text>
      <FileChooser file={file} onFile={choose} />
      {file && preview.isFetching && <LoadingState label={t('import.reading')} />}
      {preview.isError && (
        <Alert color="red" title={t('import.unreadable')} role="alert">
          {problemText(preview.error)}
        </Alert>
      )}
      {data && !preview.isFetching && (
        <>
          <MappingSelects preview={data} onChange={setMapping} />
          {data.problemCount > 0 && <ProblemList problems={data.problems} total={data.problemCount} />}
          {data.outcome && (
            <Group gap="xs" role="status">
              <Text size="sm">{t('import.willDo', { count: data.outcome.rows })}</Text>
              <Badge color="teal" variant="light">{t('import.created', { count: data.outcome.created })}</Badge>
              <Badge color="blue" variant="light">{t('import.updated', { count: data.outcome.updated })}</Badge>
              <Badge color="gray" variant="light">{t('import.unchanged', { count: data.outcome.unchanged })}</Badge>
            </Group>
          )}
          <FirstRows preview={data} />
        </>
      )}
      {refused && <ProblemList problems={refused.problems} total={refused.problemCount} />}
      {run.isError && !refused && (
        <Alert color="red" title={t('couldNot')} role="alert">
          {problemText(run.error)}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t('form.back')}
        </Button>
        <Button disabled={!ready} loading={run.isPending} onClick={() => run.mutate()}>
          {data?.outcome ? t('import.run', { count: data.outcome.rows }) : t('import.runNothing')}
        </Button>
      </Group>
    </Stack>
  );
}

export function ContactImportModal({ opened, onClose }: { opened: boolean; onClose: () => void }): ReactNode {
  const { t } = useTranslation('admin');
  return (
    <AdminModal opened={opened} onClose={onClose} size="xl" title={t('import.title')}>
      {opened && <ImportForm onClose={onClose} />}
    </AdminModal>
  );
}
