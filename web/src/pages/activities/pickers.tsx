/**
 * Pickers for typing: options filtered by what is typed, accents and case aside, over more than the label (an
 * action's «2.B», an organisation's acronym and aliases). Typing and Tab takes the first match, as Enter does, so
 * a form can be filled without leaving the keyboard.
 */
import {
  type ComboboxItem,
  type ComboboxLikeRenderOptionInput,
  MultiSelect,
  type OptionsFilter,
  Select,
  Stack,
  Text,
} from "@mantine/core";
import { forwardRef, type KeyboardEvent, type ReactNode, useMemo, useState } from "react";
import { comparable } from "./data.ts";

export type PickOption = { value: string; label: string; searchText?: string; detail?: string };

function matcher(options: PickOption[]) {
  const haystack = new Map(options.map((o) => [o.value, comparable(`${o.label} ${o.searchText ?? ""}`)]));
  const filter: OptionsFilter = ({ options: items, search, limit }) => {
    const wanted = comparable(search);
    const matches = (items as ComboboxItem[]).filter(
      (item) => wanted === "" || (haystack.get(item.value) ?? "").includes(wanted),
    );
    return matches.slice(0, limit);
  };
  const first = (search: string, except: readonly string[] = []) =>
    filter({ options: options.filter((o) => !except.includes(o.value)), search, limit: 1 })[0] as
      | ComboboxItem
      | undefined;
  return { filter, first };
}

const renderWithDetail =
  (details: Map<string, string | undefined>) =>
  ({ option }: ComboboxLikeRenderOptionInput<ComboboxItem>): ReactNode => {
    const detail = details.get(option.value);
    return (
      <Stack gap={0}>
        <Text size="sm">{option.label}</Text>
        {detail && (
          <Text size="xs" c="dimmed">
            {detail}
          </Text>
        )}
      </Stack>
    );
  };

type QuickSelectProps = {
  label: string;
  description?: string;
  placeholder?: string;
  options: PickOption[];
  value: string | null;
  onChange(value: string | null): void;
  error?: string;
  required?: boolean;
  clearable?: boolean;
  nothingFound: string;
};

/** One value: type to filter, Enter or Tab takes the first match. */
export const QuickSelect = forwardRef<HTMLInputElement, QuickSelectProps>(function QuickSelect(
  { options, value, onChange, nothingFound, ...props },
  ref,
) {
  const [search, setSearch] = useState("");
  const { filter, first } = useMemo(() => matcher(options), [options]);
  const details = useMemo(() => new Map(options.map((o) => [o.value, o.detail])), [options]);
  const selectedLabel = options.find((o) => o.value === value)?.label ?? "";
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== "Tab" || event.shiftKey || search.trim() === "" || search === selectedLabel) return;
    const match = first(search);
    if (match) onChange(match.value);
  };
  return (
    <Select
      ref={ref}
      {...props}
      data={options.map(({ value: optionValue, label }) => ({ value: optionValue, label }))}
      value={value}
      onChange={onChange}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={filter}
      selectFirstOptionOnChange
      nothingFoundMessage={nothingFound}
      renderOption={renderWithDetail(details)}
      onKeyDown={onKeyDown}
      limit={50}
      maxDropdownHeight={280}
      comboboxProps={{ withinPortal: true }}
    />
  );
});

type QuickMultiSelectProps = {
  label: string;
  description?: string;
  placeholder?: string;
  options: PickOption[];
  value: string[];
  onChange(value: string[]): void;
  error?: string;
  nothingFound: string;
};

/** Several values: type to filter (the list opens while there is text), Enter or Tab adds the first match. */
export const QuickMultiSelect = forwardRef<HTMLInputElement, QuickMultiSelectProps>(function QuickMultiSelect(
  { options, value, onChange, nothingFound, ...props },
  ref,
) {
  const [search, setSearch] = useState("");
  const { filter, first } = useMemo(() => matcher(options), [options]);
  const details = useMemo(() => new Map(options.map((o) => [o.value, o.detail])), [options]);
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== "Tab" || event.shiftKey || search.trim() === "") return;
    const match = first(search, value);
    if (match) {
      onChange([...value, match.value]);
      setSearch("");
    }
  };
  return (
    <MultiSelect
      ref={ref}
      {...props}
      data={options.map(({ value: optionValue, label }) => ({ value: optionValue, label }))}
      value={value}
      onChange={(next) => {
        onChange(next);
        setSearch("");
      }}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      // Open only while something is typed: with the list closed, Enter belongs to the form (it saves).
      dropdownOpened={search.trim() !== ""}
      filter={filter}
      selectFirstOptionOnChange
      hidePickedOptions
      nothingFoundMessage={nothingFound}
      renderOption={renderWithDetail(details)}
      onKeyDown={onKeyDown}
      limit={30}
      maxDropdownHeight={280}
      comboboxProps={{ withinPortal: true }}
    />
  );
});
