// Opening the year's cycle through the UI, for a test that plays the cycle from its start: the administrator's home
// page says no cycle is open → "Mở đợt kiểm điểm" → the form, prefilled with the year and the 43-HD calendar →
// submitted → the cycle's page. Returns the new cycle's id.
export async function openCycleFromHome(page) {
  await page.goto('/');
  await page.getByTestId('todo-open-cycle').click();
  await page.waitForURL(/\/cycles\/new\?unit_id=\d+$/);
  await page.getByTestId('calendar-cell').waitFor();
  await page.getByTestId('submit').click();
  await page.waitForURL(/\/cycles\/\d+$/);
  await page.getByTestId('unit-progress').waitFor();
  return Number(new URL(page.url()).pathname.split('/').at(-1));
}
