/**
 * The University of Stuttgart as the office types it (lower-case country, identifiers as
 * printed), the institution the registration rules' and the service's tests start from.
 */
export const stuttgart = {
  name: "Universität Stuttgart",
  countryCode: "de",
  city: "Stuttgart",
  website: "https://www.uni-stuttgart.de",
  identifiers: {
    schac: "UNI-STUTTGART.DE",
    erasmus: "D STUTTGA01",
    pic: "999884664",
    ror: "https://ror.org/04vnq7t77",
  },
};
