/** Every operation the OpenAPI document describes, as "METHOD /path"; each one has tests in this folder (events': in events/api.test.ts). */
export const DOCUMENTED = [
  'GET /api/v1/offers',
  'POST /api/v1/offers',
  'GET /api/v1/offers/{id}',
  'PUT /api/v1/offers/{id}',
  'DELETE /api/v1/offers/{id}',
  'GET /api/v1/organisations',
  'GET /api/v1/organisations/{id}',
  'GET /api/v1/municipalities',
  'GET /api/v1/networks',
  'GET /api/v1/figures',
  'GET /api/v1/events',
];
