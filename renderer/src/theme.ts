import { createTheme, type MantineColorsTuple } from '@mantine/core';

/** A deep, calm blue: reads as "bank" in both schemes and keeps red/green free for money and alerts. */
const bank: MantineColorsTuple = ['#eaf2ff', '#d3e1fb', '#a5c0f2', '#739deb', '#4a7fe4', '#3170e1', '#2367e0', '#1556c8', '#074cb3', '#00419f'];

/** Dense defaults: analysts look at many rows at once. System fonts only (the CSP allows no remote fonts). */
export const theme = createTheme({
  primaryColor: 'bank',
  colors: { bank },
  primaryShade: { light: 7, dark: 5 },
  defaultRadius: 'sm',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  fontFamilyMonospace: 'ui-monospace, SFMono-Regular, "Cascadia Mono", Menlo, Consolas, monospace',
  headings: { fontWeight: '600' },
  fontSizes: { xs: '0.75rem', sm: '0.8125rem', md: '0.875rem', lg: '1rem', xl: '1.125rem' },
  components: {
    Button: { defaultProps: { size: 'sm' } },
    TextInput: { defaultProps: { size: 'sm' } },
    PasswordInput: { defaultProps: { size: 'sm' } },
    Select: { defaultProps: { size: 'sm' } },
    Table: { defaultProps: { verticalSpacing: 6, horizontalSpacing: 'sm', fz: 'sm' } },
  },
});
